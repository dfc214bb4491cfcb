// Validates a filled Teams app (manifest.json, its localisation files and icons) offline, against the official
// JSON schemas bundled in @microsoft/app-manifest, with that package's own validator.
//
//   node manifest/validate.js <folder holding manifest.json | path of manifest.json>
//
// Prints "valid: ..." and exits 0, or prints one problem per line on stderr and exits 1.
// package.js runs the same checks on the filled manifest before it writes a zip.
"use strict";

const fs = require("fs");
const path = require("path");
const { AppManifestUtils } = require("@microsoft/app-manifest");
const AjvDraft04 = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const SCHEMA_PACKAGE = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
const ICON_SIZES = { color: 192, outline: 32 };
const SCHEMA_FILES = { manifest: "MicrosoftTeams.schema.json", localisation: "MicrosoftTeams.Localization.schema.json" };

/**
 * The bundled copy of an official schema (kind "manifest" or "localisation"), or an error if the URL names none that
 * the package ships. Nothing is ever fetched.
 */
function bundledSchema(url, kind, what) {
    const pattern = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/(v[0-9A-Za-z.]+)\/([A-Za-z.]+)$/;
    const match = typeof url === "string" ? pattern.exec(url) : null;
    if (!match || match[2] !== SCHEMA_FILES[kind]) {
        return { error: `${what}: "$schema" must be the URL of an official Teams ${SCHEMA_FILES[kind]}, got ${JSON.stringify(url)}` };
    }
    const file = path.join(SCHEMA_PACKAGE, "build", "json-schemas", "teams", match[1], match[2]);
    if (!fs.existsSync(file)) {
        return { error: `${what}: ${url} is not bundled in @microsoft/app-manifest, so it cannot be checked offline` };
    }
    return { schema: JSON.parse(fs.readFileSync(file, "utf8")) };
}

/**
 * The localisation schema has patterns such as "\\b]" that are not valid Unicode-mode regular expressions, and
 * AppManifestUtils.validateAgainstSchema (whose Ajv compiles patterns in Unicode mode) throws on them. This is the same
 * validator (Ajv for draft-04 with the same options) with Unicode mode off, so those patterns mean what they say.
 */
function localisationValidator(schema) {
    const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats(ajv, ["uri", "email", "regex"]);
    return ajv.compile(schema);
}

async function againstSchema(document, url, kind, what) {
    const { schema, error } = bundledSchema(url, kind, what);
    if (error) return [error];
    if (kind === "manifest") {
        const errors = await AppManifestUtils.validateAgainstSchema(document, schema);
        return errors.map((e) => `${what}: ${e.trim()}`);
    }
    const validate = localisationValidator(schema);
    if (validate(document)) return [];
    return validate.errors.map((e) => `${what}: ${e.instancePath} ${e.message}. Details: ${JSON.stringify(e.params)}`);
}

/** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
function pngSize(bytes) {
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("latin1", 12, 16) !== "IHDR") return null;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The value at a localisation key such as "bots[0].commandLists[1].commands[2].title" in the manifest. */
function valueAt(manifest, key) {
    let value = manifest;
    for (const part of key.match(/[^.[\]]+/g) || []) {
        if (value === null || typeof value !== "object") return undefined;
        value = value[/^\d+$/.test(part) ? Number(part) : part];
    }
    return value;
}

function parseJson(bytes, what) {
    try {
        return { value: JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")) };
    } catch (e) {
        return { error: `${what}: not valid JSON (${e.message})` };
    }
}

/**
 * Checks a filled manifest and the files it names. readFile(name) gives a file of the package as a Buffer, or null.
 * Returns the list of problems (empty when valid).
 */
async function validateApp(manifest, readFile) {
    const problems = [];
    const text = JSON.stringify(manifest);
    for (const placeholder of new Set(text.match(/\{\{[^}]*\}\}/g) || [])) {
        problems.push(`manifest.json: placeholder ${placeholder} was not filled`);
    }
    problems.push(...(await againstSchema(manifest, manifest.$schema, "manifest", "manifest.json")));

    for (const [kind, size] of Object.entries(ICON_SIZES)) {
        const name = manifest.icons && manifest.icons[kind];
        if (typeof name !== "string") continue; // the schema reports it
        const bytes = readFile(name);
        const found = bytes && pngSize(bytes);
        if (!bytes) problems.push(`${name}: missing (icons.${kind})`);
        else if (!found) problems.push(`${name}: not a PNG image (icons.${kind})`);
        else if (found.width !== size || found.height !== size) {
            problems.push(`${name}: ${found.width}x${found.height}, icons.${kind} must be ${size}x${size}`);
        }
    }

    // The message extension is served by the app's own bot, and a link handler's domains are hosts the app trusts.
    const botIds = (manifest.bots || []).map((b) => b.botId);
    const validDomains = manifest.validDomains || [];
    (manifest.composeExtensions || []).forEach((extension, i) => {
        if (extension.botId !== undefined && !botIds.includes(extension.botId)) {
            problems.push(`manifest.json: composeExtensions[${i}].botId ${JSON.stringify(extension.botId)} is not the botId of a bot of this app`);
        }
        (extension.messageHandlers || []).forEach((handler, j) => {
            for (const domain of (handler.value && handler.value.domains) || []) {
                if (!validDomains.includes(domain)) {
                    problems.push(`manifest.json: composeExtensions[${i}].messageHandlers[${j}] names the domain ${JSON.stringify(domain)}, which is not in validDomains`);
                }
            }
        });
    });

    const info = manifest.localizationInfo || {};
    const files = (info.additionalLanguages || []).map((l) => l.file);
    if (info.defaultLanguageFile) files.push(info.defaultLanguageFile);
    const manifestVersionFolder = typeof manifest.$schema === "string" ? manifest.$schema.replace(/[^/]*$/, "") : "";
    for (const name of files.filter((f) => typeof f === "string")) {
        const bytes = readFile(name);
        if (!bytes) {
            problems.push(`${name}: missing (named in localizationInfo)`);
            continue;
        }
        const { value: strings, error } = parseJson(bytes, name);
        if (error) {
            problems.push(error);
            continue;
        }
        const url = strings.$schema || `${manifestVersionFolder}${SCHEMA_FILES.localisation}`;
        problems.push(...(await againstSchema(strings, url, "localisation", name)));
        for (const key of Object.keys(strings).filter((k) => k !== "$schema" && k !== "localizationKeys")) {
            if (typeof valueAt(manifest, key) !== "string") problems.push(`${name}: "${key}" names no string in manifest.json`);
        }
    }
    return problems;
}

async function main(argv) {
    if (argv.length !== 1 || argv[0] === "--help" || argv[0] === "-h") {
        console.error("usage: node manifest/validate.js <folder holding manifest.json | path of manifest.json>");
        return 2;
    }
    const target = path.resolve(argv[0]);
    const manifestFile = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "manifest.json") : target;
    if (!fs.existsSync(manifestFile)) {
        console.error(`No manifest at ${manifestFile}.`);
        return 1;
    }
    const folder = path.dirname(manifestFile);
    const { value: manifest, error } = parseJson(fs.readFileSync(manifestFile), "manifest.json");
    const problems = error
        ? [error]
        : await validateApp(manifest, (name) => {
              const file = path.join(folder, name);
              return fs.existsSync(file) ? fs.readFileSync(file) : null;
          });
    if (problems.length > 0) {
        for (const p of problems) console.error(p);
        console.error(`invalid: ${problems.length} problem(s) in ${manifestFile}`);
        return 1;
    }
    console.log(`valid: ${manifestFile} and its localisation files match ${manifest.$schema} and its localisation schema`);
    return 0;
}

module.exports = { validateApp };

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e) => {
            console.error(e && e.stack ? e.stack : String(e));
            process.exitCode = 1;
        },
    );
}
