// Validate every JSON document in a folder (the built site's api/) with Ajv, a JSON Schema 2020-12
// validator that is not the one `check` uses. Each *.schema.json must be a valid schema; every other
// *.json must name its schema in "$schema" (the address that schema is published at, its $id) and
// validate against it. Prints one line per file; exits 1 when any file fails.
// Usage: node validate.mjs <folder>
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node validate.mjs <folder>");
  process.exit(2);
}
// strict: an unknown keyword or format in our schemas is an error, not silently ignored. Two of Ajv's
// own lints, which go beyond the standard, are off: strictTypes wants "type" repeated beside a "$ref"
// that gives it ({"$ref": "#/$defs/sentence", "maxLength": 200}), and strictRequired wants each
// "required" of a oneOf branch defined in that branch ({"oneOf": [{"required": ["reps"]}, ...]}).
const ajv = new Ajv2020({
  strict: true,
  strictTypes: false,
  strictRequired: false,
  allErrors: true,
  allowUnionTypes: true,
});
addFormats(ajv);

const names = readdirSync(folder).filter((name) => name.endsWith(".json")).sort();
const read = (name) => JSON.parse(readFileSync(join(folder, name), "utf8"));
let failed = 0;
const fail = (name, why) => {
  failed += 1;
  console.log(`FAIL ${name}: ${why}`);
};
const explain = (errors) =>
  errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("; ");

for (const name of names.filter((n) => n.endsWith(".schema.json"))) {
  const schema = read(name);
  try {
    ajv.addSchema(schema);
    ajv.getSchema(schema.$id); // compiles it: strict mode reports unknown keywords and formats here
    console.log(`schema ${name} ${schema.$id}`);
  } catch (error) {
    fail(name, `not a valid JSON Schema 2020-12: ${error.message}`);
  }
}
for (const name of names.filter((n) => !n.endsWith(".schema.json"))) {
  const data = read(name);
  const validate = typeof data.$schema === "string" ? ajv.getSchema(data.$schema) : undefined;
  if (!validate) {
    fail(name, `its "$schema" (${data.$schema}) is not the $id of any schema in ${folder}`);
  } else if (validate(data)) {
    console.log(`valid ${name} ${data.$schema}`);
  } else {
    fail(name, explain(validate.errors));
  }
}
console.log(`${names.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
