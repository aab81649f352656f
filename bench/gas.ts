// npm run bench: measures gas per user operation and writes bench/gas.json and bench/gas.md (every figure,
// then how the figures measured at growing state compare).
import { writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { table } from "../scripts/cli/output.js";
import { measureAll } from "./measure.js";
import { measureStreamDrip } from "./revenue.js";

const here = path.dirname(new URL(import.meta.url).pathname);

const entries = await measureAll(network);

// Not gas: how much of a stream dust deposits hold back, a table of its own under the growth tables.
const dripConnection = await network.create();
const dripTable = await measureStreamDrip(dripConnection);
await dripConnection.close();

await writeFile(path.join(here, "gas.json"), `${JSON.stringify(entries, null, 2)}\n`);
const formatGas = (gas: number) => gas.toLocaleString("en-US");
// Targets the design cannot reach, each with the fixed costs that alone exceed it, listed under the table.
const shortfalls = entries.filter((e) => e.target !== undefined && e.gas > e.target && e.shortfall);
const rows = entries.map((e) => [
  e.name,
  formatGas(e.gas),
  e.target === undefined ? "" : formatGas(e.target),
  e.target === undefined
    ? ""
    : e.gas <= e.target
      ? "met"
      : `over by ${formatGas(e.gas - e.target)}${e.shortfall ? ` (${shortfalls.indexOf(e) + 1})` : ""}`,
]);
const markdownTable = [
  "| operation | gas | target | status |",
  "| --- | ---: | ---: | --- |",
  ...rows.map((r) => `| \`${r[0]}\` | ${r[1]} | ${r[2]} | ${r[3]} |`),
].join("\n");

// Growth: `<operation>.at<Dimension><N>` is the same operation measured once N versions, models, depositors,
// holders or deposits exist. One table per module, one row per operation, one column per measured state.
const growthTables: string[] = [];
for (const module of [...new Set(entries.map((e) => e.name.split(".")[0]))]) {
  const figures = new Map<string, Map<string, number>>();
  const columns: { key: string; dimension: string; count: number }[] = [];
  for (const e of entries) {
    const match = /^(.+)\.at([A-Z][A-Za-z]*?)(\d+)$/.exec(e.name);
    if (!match || !e.name.startsWith(`${module}.`)) continue;
    const [, operation, dimension, count] = match;
    const key = `${dimension}${count}`;
    if (!columns.some((c) => c.key === key)) columns.push({ key, dimension, count: Number(count) });
    if (!figures.has(operation)) figures.set(operation, new Map());
    figures.get(operation)!.set(key, e.gas);
  }
  if (figures.size === 0) continue;
  const dimensions = [...new Set(columns.map((c) => c.dimension))];
  columns.sort((a, b) => dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension) || a.count - b.count);
  const header = ["operation", ...columns.map((c) => `${c.dimension.toLowerCase()} ${formatGas(c.count)}`), "spread"];
  const lines = [...figures.entries()].map(([operation, byColumn]) => {
    // A row with one state is compared with the operation's own figure in the main table.
    const base = entries.find((e) => e.name === operation);
    const values = [...byColumn.values(), ...(byColumn.size === 1 && base ? [base.gas] : [])];
    const spread = values.length < 2 ? "" : formatGas(Math.max(...values) - Math.min(...values));
    const cells = columns.map((c) => (byColumn.has(c.key) ? formatGas(byColumn.get(c.key)!) : ""));
    return `| \`${operation}\` | ${cells.join(" | ")} | ${spread} |`;
  });
  growthTables.push(
    [
      `### ${module}`,
      "",
      `| ${header.join(" | ")} |`,
      `| --- | ${header
        .slice(1)
        .map(() => "---:")
        .join(" | ")} |`,
      ...lines,
    ].join("\n"),
  );
}

// The Yuma epoch by subnet size: V validators weighting n UIDs densely, steady state (bonds present).
const epochShapes = [
  ...new Set(entries.map((e) => /^subnets\.epoch\.(V\d+xN\d+)\./.exec(e.name)?.[1]).filter(Boolean)),
] as string[];
const epochFigure = (shape: string, what: string) =>
  entries.find((e) => e.name === `subnets.epoch.${shape}.${what}`)?.gas;
const epochTable = [
  "### subnets: the Yuma epoch by size",
  "",
  "V validators with permits weight all n UIDs (dense weights and bonds); the second epoch is measured, so bonds, " +
    "results and credits exist. The epoch is its start and its steps, each a transaction of its own.",
  "",
  "| validators x UIDs | weight cells | total gas | largest transaction | gas per cell |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...epochShapes.map((shape) => {
    const [, v, n] = /V(\d+)xN(\d+)/.exec(shape)!.map(Number);
    const total = epochFigure(shape, "total") ?? 0;
    return (
      `| ${v} x ${n} | ${formatGas(v * n)} | ${formatGas(total)} | ` +
      `${formatGas(epochFigure(shape, "maxStep") ?? 0)} | ${formatGas(Math.round(total / (v * n)))} |`
    );
  }),
  "",
  ...epochShapes
    .filter((shape) => epochFigure(shape, "newWeights.total") !== undefined)
    .map(
      (shape) =>
        `The steady epoch above finds each column's median at once: last epoch's consensus still is (weights unchanged). ` +
        `When every validator has set new weights since, ${shape} costs ${formatGas(epochFigure(shape, "newWeights.total")!)} ` +
        `in total (${formatGas(epochFigure(shape, "newWeights.maxStep")!)} at most in one transaction) with the consensus ` +
        `guesses the SDK sends, and ${formatGas(epochFigure(shape, "newWeights.noHints.total")!)} without them (every ` +
        `median then selected).`,
    ),
].join("\n");

await writeFile(
  path.join(here, "gas.md"),
  `# Gas per operation\n\nWhole-transaction gas (21,000 base and calldata included) on the in-process chain ` +
    `(Hardhat EDR, solc ${(await import("solc/package.json", { with: { type: "json" } })).default.version}, ` +
    `optimizer 10,000 runs (500 for the model token, to fit the 24 KiB code limit), EVM cancun). Written by \`npm run bench\`; ` +
    `\`test/bench/gas.test.ts\` fails when a figure rises above this table or its target.\n\n` +
    `\`revenue.transferOverhead.*\` figures are what a transfer of the model token costs beyond the same transfer ` +
    `(same holders, same amount, same calldata) of a plain OpenZeppelin 5 ERC20Votes token with permit on a ` +
    `timestamp clock deployed the same way, as an ERC-1167 clone (\`contracts/mocks/PlainVotesTokenUpgradeable.sol\`, ` +
    `\`revenue.transfer.plainVotesToken.clone\`): what revenue sharing adds. \`.overDirect\` figures compare with ` +
    `the same token deployed directly (\`contracts/mocks/PlainVotesToken.sol\`, \`revenue.transfer.plainVotesToken\`), ` +
    `which also counts the clone's 2,600-gas delegate call. Both holders hold tokens before and after, have received revenue ` +
    `before (their credits are not zero) and have not delegated, unless the name ends in \`.delegated\` ` +
    `(both delegated to themselves, on both tokens).\n\n` +
    `\`emission.*\` figures are measured on the protocol as deployed (one-week periods), in ten subnets voted for by ` +
    `ten voters (\`bench/emission.ts\`). \`emission.vote\` is a voter's first allocation, to one subnet others vote ` +
    `for (\`.threeSubnets\`: to three); \`.change\` moves a one-subnet allocation to another subnet. ` +
    `\`emission.refresh\` brings a voter whose tokens grew in the last period to its new power. \`emission.pull\` is ` +
    `one subnet's distribution as the first call of a period, which opens it; \`emission.distribute.single\` the same ` +
    `once the period is open; \`emission.distribute\` a tenth of ten subnets' distribution in one call ` +
    `(\`.tenSubnets\`). \`emission.open\` is what opening a period costs: an empty distribution that opens it, less ` +
    `the same call once it is open. A pull costs less than a distribution and an opening together: the opening reads ` +
    `the reserve's balance and writes the period's release, which the distribution then finds already touched.\n\n` +
    `\`promotion.*\` figures are measured on a model with one version published by its owner and a two-UID subnet ` +
    `recording it, whose miner leads with a candidate that an epoch has scored (\`bench/promotion.ts\`). ` +
    `\`promotion.bind\` binds the subnet with a bounty and the default tag prefix; \`promotion.fund\` is the ` +
    `escrow's first funding. \`promotion.promote\` is the first promotion, by a keeper: the registry's publish, the ` +
    `model's latest live version as the parent, the contribution recorded and a bounty credited to a coldkey that ` +
    `holds none; \`.declaredParent\` the same on a new candidate whose miner declared an earlier version its parent ` +
    `(\`promotion.declareParent\`). \`promotion.claimBounty\` pays the coldkey what the promotion credited.\n\n` +
    `\`market.*\` and \`curve.*\` figures are measured against the published Uniswap V2 contracts the protocol deploys ` +
    `(\`bench/market.ts\`). \`offering.launch.withPool\` is the benchmark launch with a pool of 20% of the proceeds ` +
    `beside a 100,000-token reserve, locked a year (a factory's second launch). \`market.seed\` is the finalisation ` +
    `of its 80-ETH sale: the pair created, the pool seeded at the sale price, its shares locked. \`market.swap.sell\` ` +
    `(a holder's second sale through Router02) and \`market.swap.buy\` trade in that pool. \`curve.launch\` is a ` +
    `curve launch (800,000 tokens over a 30-ETH virtual reserve, three vested team members); \`curve.buy\` a holder's ` +
    `second buy of 1 ETH past the opening fee's blocks, \`curve.sell\` its sale of 1,000 tokens back (approved ` +
    `beforehand); \`curve.graduate\` the graduation once buyers filled the 60-ETH target: the pair created, the pool ` +
    `seeded at the curve's final price, its shares locked, the rest to the treasury.\n\n` +
    `${markdownTable}\n\n` +
    (shortfalls.length === 0
      ? ""
      : `Targets missed, each with where its gas goes. The model token's figures: fixed costs that alone exceed the ` +
        `target while model tokens are ERC-1167 clones (which keeps a launch under its 1.5M gas target; a full token ` +
        `deployment costs about 4.6M gas more). The 256-UID epoch: what each part of this design costs; the target ` +
        `is not met yet.\n\n` +
        `${shortfalls.map((e, i) => `${i + 1}. \`${e.name}\`: ${e.shortfall}.`).join("\n")}\n\n`) +
    `## Growth\n\nThe same operation measured as the state it works on grows: versions of a model, models in the ` +
    `registry, depositors in a sale, holders of a model token, revenue deposits made to it, voters allocating ` +
    `the network emission and subnets voted for (blank where an operation needs more subnets than that), and ` +
    `promotions made under a binding before and UIDs of the promoted subnet. The spread ` +
    `(highest less lowest of a row, and of the operation's own figure above when a row has one state) stays at ` +
    `calldata noise (a promotion's also with the digits of the epoch in its tag): no operation walks a list.\n\n` +
    `${growthTables.join("\n\n")}\n\n${epochTable}\n\n${dripTable}\n`,
);
console.log(table(["operation", "gas", "target", "status"], rows));
