// npm run bench: measures gas per user operation and writes bench/gas.json and bench/gas.md.
import { writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { table } from "../scripts/cli/output.js";
import { measureOffering } from "./offering.js";
import { measureRegistry, type GasEntry } from "./registry.js";

const here = path.dirname(new URL(import.meta.url).pathname);

const entries: GasEntry[] = [];
for (const measure of [measureRegistry, measureOffering]) {
  // Each module on a fresh chain, so that no figure depends on another module's leftovers.
  const connection = await network.create();
  entries.push(...(await measure(connection)));
  await connection.close();
}

await writeFile(path.join(here, "gas.json"), `${JSON.stringify(entries, null, 2)}\n`);
const rows = entries.map((e) => [
  e.name,
  e.gas.toLocaleString("en-US"),
  e.target === undefined ? "" : e.target.toLocaleString("en-US"),
  e.target === undefined ? "" : e.gas <= e.target ? "met" : `over by ${(e.gas - e.target).toLocaleString("en-US")}`,
]);
const markdownTable = [
  "| operation | gas | target | status |",
  "| --- | ---: | ---: | --- |",
  ...rows.map((r) => `| \`${r[0]}\` | ${r[1]} | ${r[2]} | ${r[3]} |`),
].join("\n");
await writeFile(
  path.join(here, "gas.md"),
  `# Gas per operation\n\nWhole-transaction gas (21,000 base and calldata included) on the in-process chain ` +
    `(Hardhat EDR, solc ${(await import("solc/package.json", { with: { type: "json" } })).default.version}, ` +
    `optimizer 10,000 runs, EVM cancun). Written by \`npm run bench\`; ` +
    `\`test/bench/gas.test.ts\` fails when a figure rises above this table or its target.\n\n${markdownTable}\n`,
);
console.log(table(["operation", "gas", "target", "status"], rows));
