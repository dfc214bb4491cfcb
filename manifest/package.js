// Builds the Teams app package ReleaseBot.zip: manifest.json with the bot id and domain filled in, pt-br.json,
// color.png and outline.png, all at the root of the zip. The package is checked (validate.js) before it is written.
//
//   node manifest/package.js --bot-id <Entra application (client) id> --domain <host name> [--out <file.zip>]
//
// Without the arguments, the bot id comes from BOT_ID (or MicrosoftAppId, as the bot reads it) and the domain from
// BOT_DOMAIN. The default output is manifest/ReleaseBot.zip.
"use strict";

const fs = require("fs");
const path = require("path");
const yazl = require("yazl");
const { validateApp } = require("./validate");

const HERE = __dirname;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// A fixed time stamp, so the same inputs give the same zip.
const ENTRY_TIME = new Date(2025, 0, 1, 0, 0, 0);

const USAGE = "usage: node manifest/package.js --bot-id <GUID> --domain <host name> [--out <file.zip>]\n" +
    "       (or set BOT_ID, or MicrosoftAppId, and BOT_DOMAIN)";

class UsageError extends Error {}

function parseArguments(argv, env) {
    const options = {};
    for (let i = 0; i < argv.length; i++) {
        const name = argv[i];
        if (name === "--help" || name === "-h") throw new UsageError(USAGE);
        if (!["--bot-id", "--domain", "--out"].includes(name)) throw new UsageError(`Unknown argument ${name}.\n${USAGE}`);
        if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value.\n${USAGE}`);
        options[name.slice(2)] = argv[++i];
    }
    const botId = (options["bot-id"] ?? env.BOT_ID ?? env.MicrosoftAppId ?? "").trim();
    const domain = (options.domain ?? env.BOT_DOMAIN ?? "").trim();
    const out = path.resolve(options.out ?? path.join(HERE, "ReleaseBot.zip"));

    if (!botId) {
        throw new UsageError(`The bot id is missing: pass --bot-id <GUID> or set BOT_ID, the application (client) id of the bot's Entra app registration.\n${USAGE}`);
    }
    if (!GUID.test(botId)) {
        throw new UsageError(`The bot id "${botId}" is not a GUID: use the application (client) id of the bot's Entra app registration, like 00000000-0000-0000-0000-000000000000.`);
    }
    if (!domain) {
        throw new UsageError(`The domain is missing: pass --domain <host name> or set BOT_DOMAIN, the host that serves https://<domain>/api/messages (e.g. releasebot.example.com).\n${USAGE}`);
    }
    if (!HOST.test(domain)) {
        throw new UsageError(`The domain "${domain}" is not a host name: give only the host that serves https://<domain>/api/messages, without https://, port or path (e.g. releasebot.example.com).`);
    }
    return { botId, domain, out };
}

function fill(template, values) {
    return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name) => (name in values ? values[name] : whole));
}

function writeZip(out, entries) {
    return new Promise((resolve, reject) => {
        const zip = new yazl.ZipFile();
        for (const [name, bytes] of entries) zip.addBuffer(bytes, name, { mtime: ENTRY_TIME, mode: 0o100644 });
        zip.end();
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const temporary = `${out}.${process.pid}.tmp`;
        zip.outputStream
            .pipe(fs.createWriteStream(temporary))
            .on("error", reject)
            .on("close", () => {
                fs.renameSync(temporary, out);
                resolve();
            });
    });
}

async function build({ botId, domain, out }) {
    const filledText = fill(fs.readFileSync(path.join(HERE, "manifest.json"), "utf8"), { BOT_ID: botId, BOT_DOMAIN: domain });
    const manifest = JSON.parse(filledText);
    const names = [
        manifest.icons.color,
        manifest.icons.outline,
        ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
        ...(manifest.localizationInfo?.defaultLanguageFile ? [manifest.localizationInfo.defaultLanguageFile] : []),
    ];
    // Links to releases (https://<domain>/releases/REL-1001) unfurl only if the link handler names the packaged domain.
    for (const extension of manifest.composeExtensions ?? []) {
        for (const handler of extension.messageHandlers ?? []) {
            for (const other of (handler.value?.domains ?? []).filter((d) => d !== domain)) {
                throw new Error(`manifest.json: a link handler names the domain "${other}", not the packaged domain "${domain}"; use {{BOT_DOMAIN}}.`);
            }
        }
    }
    const files = new Map(names.map((name) => [name, fs.existsSync(path.join(HERE, name)) ? fs.readFileSync(path.join(HERE, name)) : null]));

    const problems = await validateApp(manifest, (name) => files.get(name) ?? null);
    if (problems.length > 0) {
        throw new Error(`The package would not be valid, so ReleaseBot.zip was not written:\n${problems.join("\n")}`);
    }
    await writeZip(out, [["manifest.json", Buffer.from(filledText, "utf8")], ...files]);
    return out;
}

if (require.main === module) {
    (async () => {
        try {
            const options = parseArguments(process.argv.slice(2), process.env);
            const out = await build(options);
            console.log(`Wrote ${out} (bot ${options.botId}, https://${options.domain}/api/messages).`);
        } catch (e) {
            console.error(e instanceof UsageError ? e.message : e && e.message ? e.message : String(e));
            process.exitCode = e instanceof UsageError ? 2 : 1;
        }
    })();
}

module.exports = { parseArguments, build };
