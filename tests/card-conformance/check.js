// Checks cards with the official Adaptive Cards tools, for the C# tests (tests/ReleaseBot.Tests/Cards/OfficialCardTools.cs).
//
// stdin:  [{ "name": string, "template": object, "data": any, "bound": object }, ...]
// stdout: [{ "name": string, "official": <template expanded with data by adaptivecards-templating>,
//            "errors": [string, ...] }, ...]
//
// "errors" lists every event that the official renderer (adaptivecards) logs while parsing "bound" (the card our
// binder produced) and every failure of its validateProperties(): unknown element or action types, invalid property
// values, duplicate ids, and so on. The card is parsed against its own "version", so an element newer than that
// version is reported as unknown. If the templating engine itself fails, "official" is null and "errors" holds
// "templating: <message>".
"use strict";

const fs = require("fs");
// lib/ is an ES module build that plain Node cannot load; the dist bundle parses cards without a DOM.
const AC = require("adaptivecards/dist/adaptivecards.js");
const ACData = require("adaptivecards-templating");

function expandOfficially(template, data) {
    try {
        return { official: new ACData.Template(template).expand({ $root: data }), error: undefined };
    } catch (e) {
        return { official: null, error: `templating: ${e.message}` };
    }
}

function describe(event) {
    return `${AC.ValidationPhase[event.phase]} ${AC.ValidationEvent[event.event]}: ${event.message}`;
}

function rendererErrors(bound) {
    if (typeof bound !== "object" || bound === null || Array.isArray(bound)) {
        return ["harness: the bound card is not a JSON object"];
    }
    // A bad version string is reported by card.parse below, so this first parse discards its events.
    const version = typeof bound.version === "string" ? AC.Version.parse(bound.version, new AC.SerializationContext()) : undefined;
    const context = new AC.SerializationContext(version && version.isValid ? version : undefined);
    const card = new AC.AdaptiveCard();
    card.parse(bound, context);

    const errors = [];
    for (let i = 0; i < context.eventCount; i++) errors.push(describe(context.getEventAt(i)));
    for (const event of card.validateProperties().validationEvents) errors.push(describe(event));
    return errors;
}

function check(testCase) {
    const { official, error } = expandOfficially(testCase.template, testCase.data);
    const errors = rendererErrors(testCase.bound);
    if (error) errors.unshift(error);
    return { name: testCase.name, official, errors };
}

const cases = JSON.parse(fs.readFileSync(0, "utf8"));
if (!Array.isArray(cases)) throw new Error("stdin must be a JSON array of cases");
process.stdout.write(JSON.stringify(cases.map(check)));
