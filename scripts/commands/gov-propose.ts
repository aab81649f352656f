import { readFile } from "node:fs/promises";

import type { Client, DaoCall } from "../../sdk/src/index.js";
import { actionLines, emissionSettings, localTime } from "../cli/governance.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

/** Each action: its arguments as people write them, and how they become the DAO's calls. */
const ACTIONS: Record<
  string,
  { usage: string; count: [number, number]; build(client: Client, model: string, a: string[]): Promise<DaoCall[]> }
> = {
  publish: {
    usage: "publish <tag> <weights CID or path>",
    count: [2, 2],
    build: async (c, model, [tag, weights]) => [await c.governance.buildPublishVersion({ model, tag, weights })],
  },
  deprecate: {
    usage: "deprecate <tag> <reason>",
    count: [2, 2],
    build: async (c, model, [version, reason]) => [
      await c.governance.buildDeprecateVersion({ model, version, reason }),
    ],
  },
  undeprecate: {
    usage: "undeprecate <tag>",
    count: [1, 1],
    build: async (c, model, [version]) => [await c.governance.buildDeprecateVersion({ model, version, undo: true })],
  },
  publisher: {
    usage: "publisher <address> [revoke]",
    count: [1, 2],
    build: async (c, model, [account, revoke]) => {
      if (revoke !== undefined && revoke !== "revoke")
        throw new CliError(`"${revoke}" is not "revoke".`, "Write: publisher <address> [revoke]");
      return [await c.governance.buildSetPublisher({ model, account, allowed: revoke === undefined })];
    },
  },
  promotion: {
    usage:
      "promotion <netuid> streak=K [bounty=100 token=<address> escrow=500 prefix=arena-], or promotion <netuid> revoke [publisher]",
    count: [2, 6],
    build: async (c, model, [netuid, ...pairs]) => promotionCalls(c, model, netuid, pairs),
  },
  "transfer-model": {
    usage: "transfer-model <to>",
    count: [1, 1],
    build: async (c, model, [to]) => [await c.governance.buildTransferModel({ model, to })],
  },
  "allow-asset": {
    usage: "allow-asset <ERC-20 address>",
    count: [1, 1],
    build: async (c, model, [asset]) => [await c.revenue.buildAllowRevenueAsset({ model, asset })],
  },
  "remove-asset": {
    usage: "remove-asset <ERC-20 address or symbol>",
    count: [1, 1],
    build: async (c, model, [asset]) => [await c.revenue.buildRemoveRevenueAsset({ model, asset })],
  },
  "stream-duration": {
    usage: "stream-duration <ETH, address or symbol> <duration, e.g. 7d>",
    count: [2, 2],
    build: async (c, model, [asset, duration]) => [await c.revenue.buildSetStreamDuration({ model, asset, duration })],
  },
  exclude: {
    usage: "exclude <contract>",
    count: [1, 1],
    build: async (c, model, [account]) => [
      await c.revenue.buildSetRevenueExclusion({ model, account, excluded: true }),
    ],
  },
  include: {
    usage: "include <contract>",
    count: [1, 1],
    build: async (c, model, [account]) => [
      await c.revenue.buildSetRevenueExclusion({ model, account, excluded: false }),
    ],
  },
  "recover-surplus": {
    usage: "recover-surplus <ERC-20 address or symbol> [to]",
    count: [1, 2],
    build: async (c, model, [asset, to]) => [await c.revenue.buildRecoverSurplus({ model, asset, to })],
  },
  "send-eth": {
    usage: "send-eth <to> <amount in ETH>",
    count: [2, 2],
    build: async (c, model, [to, amount]) => [await c.governance.buildSendEth({ model, to, amount })],
  },
  "send-token": {
    usage: "send-token <ERC-20 address> <to> <amount in whole tokens>",
    count: [3, 3],
    build: async (c, model, [token, to, amount]) => [await c.governance.buildSendToken({ model, token, to, amount })],
  },
  "voting-delay": {
    usage: "voting-delay <duration, e.g. 1d>",
    count: [1, 1],
    build: async (c, model, [value]) => [await c.governance.buildSetVotingDelay({ model, value })],
  },
  "voting-period": {
    usage: "voting-period <duration, e.g. 5d>",
    count: [1, 1],
    build: async (c, model, [value]) => [await c.governance.buildSetVotingPeriod({ model, value })],
  },
  threshold: {
    usage: "threshold <whole tokens of votes>",
    count: [1, 1],
    build: async (c, model, [value]) => [await c.governance.buildSetProposalThreshold({ model, value })],
  },
  quorum: {
    usage: "quorum <percent, e.g. 10%>",
    count: [1, 1],
    build: async (c, model, [value]) => [await c.governance.buildSetQuorum({ model, value })],
  },
  "timelock-delay": {
    usage: "timelock-delay <duration, e.g. 2d>",
    count: [1, 1],
    build: async (c, model, [value]) => [await c.governance.buildSetTimelockDelay({ model, value })],
  },
  "launch-fee": {
    usage: "launch-fee <recipient> <basis points or percent, e.g. 2.5%> (protocol DAO only)",
    count: [2, 2],
    build: async (c, _model, [recipient, fee]) => [await c.governance.buildSetLaunchFee({ recipient, fee })],
  },
  "emission-settings": {
    usage:
      "emission-settings <name=value>... (protocol DAO only): any of period=7d rate=0.5% cap=50% grace=7200 validators=1, the others keep their values",
    count: [1, 5],
    build: async (c, _model, pairs) => [await c.governance.buildSetEmissionSettings(emissionSettings(pairs))],
  },
  calls: {
    usage: "calls <file.json>",
    count: [1, 1],
    build: async (c, model, [file]) => {
      let calls: unknown;
      try {
        calls = JSON.parse(await readFile(file, "utf8"));
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") throw error;
        throw new CliError(
          `${file} is not valid JSON.`,
          'Write an array of { "target", "value", "signature", "args" }.',
        );
      }
      return c.governance.buildRawCalls({ model, calls });
    },
  },
};

/**
 * A model DAO's promotion calls: `streak=K` and the rest as `name=value` pairs bind the subnet (and escrow its
 * bounty); `revoke` ends the binding, `revoke publisher` also takes back Promotion's right to publish.
 */
async function promotionCalls(c: Client, model: string, netuid: string, pairs: string[]): Promise<DaoCall[]> {
  if (pairs[0] === "revoke") {
    if (pairs.length > 2 || (pairs[1] !== undefined && pairs[1] !== "publisher"))
      throw new CliError(
        `"${pairs.slice(1).join(" ")}" is not "publisher".`,
        "Write: promotion <netuid> revoke [publisher]",
      );
    return c.governance.buildRevokePromotion({ model, netuid, revokePublisher: pairs[1] === "publisher" });
  }
  const names = ["streak", "bounty", "token", "escrow", "prefix"];
  const given: Record<string, string> = {};
  for (const pair of pairs) {
    const [name, value] = pair.split("=", 2);
    if (!names.includes(name) || value === undefined || value === "" || Object.hasOwn(given, name))
      throw new CliError(
        `"${pair}" is not one of ${names.map((n) => `${n}=`).join(", ")} (each once).`,
        "Write: promotion <netuid> streak=3 bounty=100 token=<address> escrow=500",
      );
    given[name] = value;
  }
  if (!given.streak || !/^\d+$/.test(given.streak))
    throw new CliError("How many epochs in a row? Give streak=K.", `Write: promotion ${netuid} streak=3`);
  return c.governance.buildAuthorisePromotion({
    model,
    netuid,
    minStreak: Number(given.streak),
    bountyToken: given.token,
    bounty: given.bounty,
    escrow: given.escrow,
    tagPrefix: given.prefix,
  });
}

/** The actions only the protocol DAO proposes, and what they do. */
const PROTOCOL_ACTIONS: Record<string, string> = {
  "launch-fee": "sets the launch fee",
  "emission-settings": "sets the network emission's settings",
};

export default command<"gov propose">(async (args, scope) => {
  const action = Object.hasOwn(ACTIONS, args.action) ? ACTIONS[args.action] : undefined;
  if (!action) {
    throw new CliError(
      `"${args.action}" is not a proposal action.`,
      Object.values(ACTIONS)
        .map((a) => `- ${a.usage}`)
        .join("\n"),
    );
  }
  const protocolOnly = PROTOCOL_ACTIONS[args.action];
  if (protocolOnly && args.slug !== "protocol") {
    throw new CliError(`Only the protocol DAO ${protocolOnly}.`, `Write: gov propose protocol ${action.usage}`);
  }
  const [least, most] = action.count;
  if (args.args.length < least || args.args.length > most) {
    throw new CliError(
      `${args.action} takes ${least === most ? least : `${least} to ${most}`} argument(s), ${args.args.length} given.`,
      `Write: gov propose ${args.slug} ${action.usage}`,
    );
  }
  if (!args.description)
    throw new CliError(
      "A proposal needs a description.",
      "Write it in a markdown file (its first line is the title) and pass --description proposal.md.",
    );
  const description = await readFile(args.description, "utf8");
  if (!description.trim()) throw new CliError(`${args.description} is empty: a proposal needs a description.`);
  const context = await scope.open({ ipfs: args.action === "publish" ? args.ipfs : false });
  const { governance } = context.client;
  const calls = await action.build(context.client, args.slug, args.args);
  if (!args.json)
    console.log(
      `Proposing to ${args.slug === "protocol" ? "the protocol" : args.slug}'s DAO:\n${actionLines(calls.map((c) => ({ ...c, target: c.to })))}`,
    );
  const { result, receipt } = await governance.propose({ model: args.slug, calls, description });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Proposal ${result.number} created.`,
      fields([
        ["Id", result.hash.toString()],
        ["Voting", `${localTime(result.snapshot)} to ${localTime(result.deadline)}`],
        transactionEntry(receipt),
      ]),
      `Vote once it opens: npx hardhat gov vote ${args.slug} ${result.number} for|against|abstain`,
    ].join("\n"),
  );
});
