import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NewTaskDefinitionBuilder } from "hardhat/types/tasks";

// Every CLI command is a Hardhat task whose action lives in scripts/commands/, loaded only when run. Its arguments
// are declared once, below: the CLI parses them, and the command's action is typed from them (`CommandArgs`).
// Shared options: --json prints machine-readable output; --ipfs <url> uses a Kubo RPC endpoint instead of
// the embedded node.
//
// The conventions every command keeps: what it acts on comes first, as positional arguments; a recipient is
// `--to`; `--undo` reverses what the command does; `--dry-run` sends nothing. A former spelling that people may
// rely on stays as an alias: a task of the same arguments and action, or an argument the action folds in.

type Action = (args: never, hre: HardhatRuntimeEnvironment) => Promise<void>;

/**
 * A command's lazy action that first makes sure the build is current: the SDK imports the TypeChain bindings
 * that the build writes, so they must exist (and match the contracts) before the command module loads. The
 * build runs only when they are missing or older than a contract, so that commands run side by side (a
 * script, a keeper) do not rebuild at the same time.
 */
function afterBuild(load: () => Promise<{ default: Action }>) {
  return async () => ({
    default: async (args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) => {
      if (await bindingsStale(hre.config.paths.root))
        await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
      const { default: action } = await load();
      await action(args as never, hre);
    },
  });
}

async function bindingsStale(root: string): Promise<boolean> {
  const { readdir, stat } = await import("node:fs/promises");
  const path = await import("node:path");
  const built = await stat(path.join(root, "types", "typechain", "index.ts")).catch(() => undefined);
  if (!built) return true;
  const entries = await readdir(path.join(root, "contracts"), { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".sol")) continue;
    if ((await stat(path.join(entry.parentPath, entry.name))).mtimeMs > built.mtimeMs) return true;
  }
  return false;
}

const ipfsOption = {
  name: "ipfs",
  description:
    "Kubo RPC URL (e.g. http://127.0.0.1:5001); default: IPFS_API, else the embedded node in IPFS_DIR or .ipfs",
  defaultValue: "",
} as const;
const jsonFlag = { name: "json", description: "Print the result as JSON" } as const;

/** A command's task, named as it is typed ("subnet weights commit"), with no arguments yet. */
function define(id: string, description: string): NewTaskDefinitionBuilder<Record<never, never>> {
  return task(id.split(" "), description) as NewTaskDefinitionBuilder<Record<never, never>>;
}

/** `imo settle` and its alias `imo claim`: one operation, a deposit settled to its depositor or, by it, elsewhere. */
function settlement(id: string, description: string) {
  return define(id, description)
    .addPositionalArgument({ name: "slug" })
    .addOption({
      name: "account",
      description: "Whose deposit (default: yours); anyone may settle anyone's, paid to them",
      defaultValue: "",
    })
    .addOption({
      name: "to",
      description: "Where your deposit's tokens and refund go (default: you)",
      defaultValue: "",
    })
    .addFlag(jsonFlag);
}

/** `gov delegate` and its alias `delegate`. The delegate given second is the former spelling of `--to`. */
function delegation(id: string, description: string) {
  return define(id, description)
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "delegatee", description: "The same as --to (its former place)", defaultValue: "" })
    .addOption({ name: "to", description: "Who votes with your tokens (default: you)", defaultValue: "" })
    .addFlag(jsonFlag);
}

/** The groups the commands sit in (`npx hardhat gov` lists its commands). */
const groups: [string, string][] = [
  ["protocol", "Deploy and inspect the protocol"],
  ["model", "Register, publish, inspect and pull models"],
  ["imo", "Launch and take part in Initial Model Offerings"],
  ["revenue", "Deposit, claim and redeem a model token's revenue, or exclude your tokens from it"],
  ["gov", 'Run a model\'s DAO (or, as slug "protocol", the protocol DAO): delegate, propose, vote, queue, execute'],
  ["subnet", "Create and take part in subnets: register, stake, set weights, run epochs, claim"],
  ["subnet weights", "Commit and reveal a validator's weights"],
  ["subnet candidate", "Publish, show and pull miners' model candidates (weights on IPFS)"],
  ["subnet bounty", "Fund a bound subnet's bounty escrow, or claim the bounties your coldkey was credited"],
  ["emission", "Split the protocol token's emission across subnets by vote: show, vote, refresh, distribute"],
  ["chain", "Local development chain helpers"],
];

/** Every command with its arguments, by group; the key is the command as it is typed, and its task's id. */
const declarations = {
  "protocol deploy": define(
    "protocol deploy",
    "Deploy the protocol (resumable) and record its addresses in deployments/<network>.json",
  )
    .addOption({
      name: "parameters",
      description: "Ignition parameters (JSON); default deploy/parameters/<network>.json when present",
      defaultValue: "",
    })
    .addFlag(jsonFlag),
  "model register": define("model register", "Register a model under a slug, with its model card on IPFS")
    .addPositionalArgument({ name: "slug", description: "3-64 of a-z, 0-9 and '-'" })
    .addOption({ name: "license", description: "SPDX licence id, e.g. MIT", defaultValue: "" })
    .addOption({ name: "card", description: 'Model card JSON file (needs a "name")', defaultValue: "" })
    .addOption({ name: "name", description: "Display name, when no --card is given", defaultValue: "" })
    .addOption({ name: "description", description: "Description, when no --card is given", defaultValue: "" })
    .addFlag({
      name: "commitReveal",
      description: "Commit first and reveal a minute later, so the slug cannot be copied from the mempool (resumable)",
    })
    .addOption({
      name: "commitmentsFile",
      description: "Where the commitment's secret is kept (with --commit-reveal)",
      defaultValue: "",
    })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "model publish": define(
    "model publish",
    "Upload a weights directory (or file) to IPFS and publish it as a new version of a model",
  )
    .addPositionalArgument({ name: "slug", description: "Slug of the model" })
    .addPositionalArgument({ name: "dir", description: "Directory or file with the weights", defaultValue: "" })
    .addOption({
      name: "model",
      description: "The former spelling, the directory first: model publish <dir> --model <slug>",
      defaultValue: "",
    })
    .addOption({ name: "tag", description: "Version tag, unique within the model (e.g. v1.0.0)", defaultValue: "" })
    .addOption({ name: "parent", description: "Version it derives from, as <slug>@<tag>", defaultValue: "" })
    .addOption({ name: "configFile", description: "Configuration file or its CID", defaultValue: "" })
    .addOption({ name: "datasets", description: "Comma-separated dataset CIDs (provenance)", defaultValue: "" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "model show": define("model show", "Show a model: owner, licence, card, latest version and its lineage")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "model versions": define("model versions", "List a model's versions as a table")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "model pull": define("model pull", "Download a version's weights, verified block by block against the CID on chain")
    .addPositionalArgument({ name: "ref", description: "<slug> for the latest version, or <slug>@<tag>" })
    .addPositionalArgument({ name: "dir", description: "Destination (must not exist)" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "model deprecate": define("model deprecate", "Deprecate a version with a reason (or lift it with --undo)")
    .addPositionalArgument({ name: "ref", description: "<slug>@<tag>" })
    .addOption({ name: "reason", description: "Why, shown to everyone (1-280 bytes)", defaultValue: "" })
    .addFlag({ name: "undo", description: "Lift the deprecation instead" })
    .addFlag(jsonFlag),
  "model publisher": define(
    "model publisher",
    "Allow an account to publish versions of a model (or revoke it with --undo)",
  )
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "account" })
    .addFlag({ name: "undo", description: "Revoke instead of grant" })
    .addFlag({ name: "revoke", description: "The same as --undo (its former name)" })
    .addFlag(jsonFlag),
  "imo launch": define(
    "imo launch",
    "Launch a registered model's IMO (token, sale, vesting, DAO) from a JSON config file",
  )
    .addOption({ name: "configFile", description: "The launch configuration (JSON)", defaultValue: "" })
    .addFlag({ name: "dryRun", description: "Check the configuration and print the plan without sending anything" })
    .addOption({
      name: "allowlistOut",
      description: "Where to save the allowlist's Merkle tree (buyers need it)",
      defaultValue: "",
    })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "imo cancel": define("imo cancel", "Cancel a sale before it starts (the team that launched it only)")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "imo list": define("imo list", "List every launched model's sale: status, raise, caps, price and window").addFlag(
    jsonFlag,
  ),
  "imo show": define("imo show", "Show a sale in full: terms, totals, fee, contracts and the team's vesting wallets")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "imo quote": define("imo quote", "What a deposit would buy and refund if the sale closed now with it")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "In the payment asset's whole units, e.g. 1.5 (ETH)" })
    .addFlag(jsonFlag),
  "imo buy": define("imo buy", "Deposit into a live sale: ETH, or an ERC-20 by permit (else approval)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "In the payment asset's whole units, e.g. 1.5 (ETH)" })
    .addOption({
      name: "allowlist",
      description: "The sale's allowlist tree (JSON), for an allowlisted sale",
      defaultValue: "",
    })
    .addFlag({ name: "approve", description: "Send an approval instead of signing a permit" })
    .addFlag(jsonFlag),
  "imo finalize": define("imo finalize", "Close a sale after its window: decide the outcome and pay the treasury")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "imo settle": settlement(
    "imo settle",
    "Settle a deposit once the sale is over: its tokens and refund go to the depositor, or yours --to another address",
  ),
  "imo claim": settlement(
    "imo claim",
    "Settle your deposit, sending its tokens and refund to another address: the same as imo settle --to",
  ),
  "imo sweep": define("imo sweep", "Send what rounding left in a settled sale to its treasury")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "revenue deposit": define(
    "revenue deposit",
    "Deposit revenue for a model token's holders: ETH, or an accepted ERC-20 by permit (else approval)",
  )
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "In the asset's whole units, e.g. 1.5 (ETH)" })
    .addOption({
      name: "asset",
      description: "ETH, an ERC-20 address, or the symbol of an accepted asset",
      defaultValue: "ETH",
    })
    .addFlag({ name: "approve", description: "Send an approval instead of signing a permit" })
    .addFlag(jsonFlag),
  "revenue claim": define(
    "revenue claim",
    "Claim your revenue from a model token (every asset by default), or someone else's for them",
  )
    .addPositionalArgument({ name: "slug" })
    .addOption({
      name: "asset",
      description: "Only this asset: ETH, an address or a symbol (default: all)",
      defaultValue: "",
    })
    .addOption({ name: "to", description: "Where your revenue goes (default: you)", defaultValue: "" })
    .addOption({
      name: "for",
      description: "Claim a holder's revenue, paid to that holder; anyone may",
      defaultValue: "",
    })
    .addFlag(jsonFlag),
  "revenue show": define(
    "revenue show",
    "Show a model token's revenue per asset: deposited, released, claimed, outstanding, reserve, and yours",
  )
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "revenue exclude": define(
    "revenue exclude",
    "Exclude your tokens from a model token's revenue sharing (they stop earning; only you can undo it)",
  )
    .addPositionalArgument({ name: "slug" })
    .addFlag({ name: "undo", description: "Include your tokens again: they earn from now on" })
    .addFlag({ name: "include", description: "The same as --undo (its former name)" })
    .addFlag(jsonFlag),
  "revenue redeem": define("revenue redeem", "Burn model tokens for their share of the revenue reserve")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "Model tokens to burn, in whole tokens, e.g. 100" })
    .addOption({ name: "to", description: "Where the reserve's share goes (default: you)", defaultValue: "" })
    .addFlag(jsonFlag),
  portfolio: define(
    "portfolio",
    "An account's model tokens, votes, deposits to settle, vesting wallets and revenue to claim",
  )
    .addPositionalArgument({ name: "address", description: "Whose (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag),
  "gov delegate": delegation("gov delegate", "Delegate your votes in a model's DAO (to yourself by default)"),
  delegate: delegation(
    "delegate",
    "Delegate your votes in a model's DAO (to yourself by default): the same as gov delegate",
  ),
  "gov propose": define("gov propose", "Propose an action to a model's DAO; its decoded calls are shown, then proposed")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({
      name: "action",
      description:
        "publish, deprecate, undeprecate, publisher, promotion, transfer-model, allow-asset, remove-asset, stream-duration, exclude, include, recover-surplus, send-eth, send-token, voting-delay, voting-period, threshold, quorum, timelock-delay, launch-fee (protocol), emission-settings (protocol), calls",
    })
    .addVariadicArgument({ name: "args", description: "The action's arguments", defaultValue: [] })
    .addOption({
      name: "description",
      description: "Markdown file: the proposal's text, its first line the title",
      defaultValue: "",
    })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "gov list": define("gov list", "List a model's proposals: state, votes, quorum, deadline, ETA")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "gov show": define("gov show", "Show a proposal: its decoded actions, votes, dates and description")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag),
  "gov vote": define("gov vote", "Vote on a proposal: for, against or abstain")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addPositionalArgument({ name: "support", description: "for, against or abstain" })
    .addOption({ name: "reason", description: "Why, recorded on chain with the vote", defaultValue: "" })
    .addFlag(jsonFlag),
  "gov vote-by-sig": define("gov vote-by-sig", "Sign your vote without sending it, for anyone to submit with gov relay")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addPositionalArgument({ name: "support", description: "for, against or abstain" })
    .addOption({ name: "reason", description: "Why, recorded on chain with the vote", defaultValue: "" })
    .addOption({ name: "out", description: "Where to write the signed vote (JSON)", defaultValue: "" })
    .addFlag(jsonFlag),
  "gov relay": define("gov relay", "Submit a vote someone signed with gov vote-by-sig (you pay the gas)")
    .addPositionalArgument({ name: "file", description: "The signed vote (JSON)" })
    .addFlag(jsonFlag),
  "gov queue": define("gov queue", "Queue a proposal that passed in the DAO's timelock")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag),
  "gov execute": define("gov execute", "Execute a queued proposal once the timelock's delay has passed (anyone may)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag),
  "gov cancel": define("gov cancel", "Cancel your proposal while it is pending")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag),
  "subnet create": define("subnet create", "Create a subnet (you own it), paying the creation fee in ETH")
    .addOption({ name: "stakeToken", description: "ERC-20 staked on hotkeys", defaultValue: "" })
    .addOption({
      name: "rewardToken",
      description: "ERC-20 of the reward pool (registrations, funding, emission)",
      defaultValue: "",
    })
    .addOption({
      name: "ownerHotkey",
      description: "Your hotkey on the subnet: never pruned, always a validator",
      defaultValue: "",
    })
    .addOption({
      name: "params",
      description: "JSON file of hyperparameters to change from the defaults",
      defaultValue: "",
    })
    .addOption({ name: "name", description: "The subnet's name, in its description on IPFS", defaultValue: "" })
    .addOption({
      name: "description",
      description: "What the subnet improves and how miners are judged",
      defaultValue: "",
    })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "subnet show": define(
    "subnet show",
    "Show a subnet: tokens, hyperparameters, UIDs, epochs, pool and the registration price",
  )
    .addPositionalArgument({ name: "netuid" })
    .addFlag(jsonFlag),
  "subnet register": define(
    "subnet register",
    "Take a UID on a subnet for its current price (approving the reward token when needed)",
  )
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "hotkey", description: "The hotkey to register (default: you)", defaultValue: "" })
    .addOption({
      name: "maxPrice",
      description: "The most you pay, in whole reward tokens (default: the quote plus 10%)",
      defaultValue: "",
    })
    .addFlag(jsonFlag),
  "subnet stake": define(
    "subnet stake",
    "Stake on your hotkey, or on another's with --hotkey (a delegation); it counts from the epoch after the next",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "amount", description: "In whole stake tokens, e.g. 100" })
    .addOption({ name: "hotkey", description: "The hotkey to stake on (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet unstake": define(
    "subnet unstake",
    "Take stake off a hotkey: pending stake back at once, counted stake unbonds until the next epoch",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "amount", description: "In whole stake tokens, e.g. 100" })
    .addOption({ name: "hotkey", description: "The hotkey to unstake from (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet withdraw": define(
    "subnet withdraw",
    "Withdraw your unbonded stake from a hotkey once the epoch after the unstake has started",
  )
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "hotkey", description: "The hotkey unstaked from (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet weights commit": define(
    "subnet weights commit",
    "Commit weights (salt kept in .subnets/commits.json, or SUBNET_COMMITS_FILE) to reveal later",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({
      name: "weights",
      description: "uid:weight pairs, e.g. 0:0.7,3:0.3 (scaled so the largest is 65535)",
    })
    .addOption({ name: "versionKey", description: "The subnet's weights version key", defaultValue: "" })
    .addOption({ name: "commitsFile", description: "Where the salt is kept", defaultValue: "" })
    .addFlag({ name: "keepZeros", description: "Name UIDs given a zero weight (e.g. 3:0) rather than leave them out" })
    .addFlag(jsonFlag),
  "subnet weights reveal": define(
    "subnet weights reveal",
    "Reveal your pending commit with its kept salt, in its reveal epoch",
  )
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "commitsFile", description: "Where the salt was kept", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet weights set": define("subnet weights set", "Set weights directly, on a subnet without commit and reveal")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({
      name: "weights",
      description: "uid:weight pairs, e.g. 0:0.7,3:0.3 (scaled so the largest is 65535)",
    })
    .addOption({ name: "versionKey", description: "The subnet's weights version key", defaultValue: "" })
    .addFlag({ name: "keepZeros", description: "Name UIDs given a zero weight (e.g. 3:0) rather than leave them out" })
    .addFlag(jsonFlag),
  "subnet take": define(
    "subnet take",
    "Set your validator hotkey's take of its dividends (its coldkey only; at most 18%)",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "percent", description: "Percent of the dividends, e.g. 9" })
    .addOption({ name: "hotkey", description: "The hotkey (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet epoch": define(
    "subnet epoch",
    "Run the subnet's due epoch to completion, step by step (anyone may; the last step earns the keeper reward)",
  )
    .addPositionalArgument({ name: "netuid" })
    .addFlag({ name: "dryRun", description: "Only predict the next epoch off chain, sending nothing" })
    .addFlag({ name: "preview", description: "The same as --dry-run (its former name)" })
    .addFlag(jsonFlag),
  "subnet claim": define(
    "subnet claim",
    "Claim your rewards on a subnet: incentive, take, owner's cut, keeper rewards and stake dividends",
  )
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "to", description: "Where they go (default: you)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet metagraph": define(
    "subnet metagraph",
    "The subnet's UIDs with stake, permits, trust, consensus, incentive, dividends and emission",
  )
    .addPositionalArgument({ name: "netuid" })
    .addFlag(jsonFlag),
  "subnet candidate publish": define(
    "subnet candidate publish",
    "Upload a weights folder (or file) to IPFS and record its CID as your candidate",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "path", description: "Folder or file with the weights" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "subnet candidate show": define("subnet candidate show", "Show a hotkey's (or UID's) candidate, or every UID's")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "hotkey", description: "A hotkey or a UID (default: all)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet candidate pull": define(
    "subnet candidate pull",
    "Download a candidate's weights, verified block by block against the CID on chain",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "hotkey", description: "A hotkey or a UID" })
    .addPositionalArgument({ name: "dir", description: "Destination (must not exist)" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "subnet promotion": define(
    "subnet promotion",
    "Show a subnet's promotion rule, its leader's streak, whether promote would succeed now, and the next epoch's leader",
  )
    .addPositionalArgument({ name: "netuid" })
    .addFlag(jsonFlag),
  "subnet promote": define(
    "subnet promote",
    "Publish the subnet's leading candidate as its model's next version once the rule holds (anyone may)",
  )
    .addPositionalArgument({ name: "netuid" })
    .addFlag(jsonFlag),
  "subnet bind": define(
    "subnet bind",
    "Bind a subnet to the model it records, as the model's owner: its leader after K epochs in a row becomes a version",
  )
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "streak", description: "K: completed epochs in a row a candidate must lead", defaultValue: "" })
    .addOption({
      name: "bounty",
      description: "Whole tokens credited to each promoted miner's coldkey",
      defaultValue: "",
    })
    .addOption({
      name: "bountyToken",
      description: "The bounty's token: an address, or the symbol of the subnet's reward or stake token",
      defaultValue: "",
    })
    .addOption({ name: "escrow", description: "Whole bounty tokens to put in escrow now", defaultValue: "" })
    .addOption({ name: "tagPrefix", description: "Tags are <prefix><epoch> (default sn<netuid>-e)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet revoke": define(
    "subnet revoke",
    "End a subnet's binding, as the model's owner; the escrow returns to you, credited bounties stay claimable",
  )
    .addPositionalArgument({ name: "netuid" })
    .addFlag(jsonFlag),
  "subnet bounty fund": define(
    "subnet bounty fund",
    "Add bounty tokens to a binding's escrow (approving them when needed; anyone may)",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "amount", description: "Whole tokens, e.g. 500" })
    .addFlag(jsonFlag),
  "subnet bounty claim": define("subnet bounty claim", "Claim the bounties your coldkey was credited by promotions")
    .addPositionalArgument({ name: "netuid", description: "The subnet whose bounty token to claim" })
    .addOption({ name: "token", description: "The token (default: the subnet binding's)", defaultValue: "" })
    .addOption({ name: "to", description: "Where they go (default: you)", defaultValue: "" })
    .addFlag(jsonFlag),
  "subnet declare-parent": define(
    "subnet declare-parent",
    "Declare, as a miner's hotkey, the version your candidate derives from (named as the parent when promoted)",
  )
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "parent", description: "<slug>@<tag> of any model", defaultValue: "" })
    .addFlag({ name: "undo", description: "Withdraw the declaration" })
    .addFlag(jsonFlag),
  "emission show": define(
    "emission show",
    "Show the network emission: period, release, reserve, settings, and each subnet's votes, share and activity",
  ).addFlag(jsonFlag),
  "emission vote": define(
    "emission vote",
    "Allocate your protocol token votes across subnets, from the next period on (or withdraw them with --clear)",
  )
    .addPositionalArgument({
      name: "allocation",
      description: "netuid:percent pairs, e.g. 1:70,2:30: percent of your votes, two decimals at most, 100 in all",
      defaultValue: "",
    })
    .addFlag({ name: "clear", description: "Withdraw your votes from every subnet" })
    .addFlag(jsonFlag),
  "emission refresh": define(
    "emission refresh",
    "Bring a voter's weight to its voting power now, from the next period on (anyone may, on anyone)",
  )
    .addPositionalArgument({ name: "voter", description: "The voter's address", defaultValue: "" })
    .addFlag({ name: "stale", description: "Refresh every voter whose power differs from the power its weight counts" })
    .addFlag(jsonFlag),
  "emission distribute": define(
    "emission distribute",
    "Put this period's shares into subnets' reward pools, in one transaction (anyone may)",
  )
    .addVariadicArgument({
      name: "netuids",
      description: "The subnets (default: every subnet with a share that is active and not yet distributed)",
      defaultValue: [],
    })
    .addFlag(jsonFlag),
  "chain advance": define(
    "chain advance",
    "Move a local development chain's clock forward and mine a block (chain 31337 only)",
  )
    .addPositionalArgument({ name: "duration", description: "Seconds, or e.g. 10m, 12h, 5d, 1w" })
    .addFlag(jsonFlag),
  "model hash": define("model hash", "Print the CID of a file or directory without storing anything")
    .addPositionalArgument({ name: "path" })
    .addOption({ name: "cidVersion", description: "0 or 1", defaultValue: "1", type: ArgumentType.STRING })
    .addFlag(jsonFlag),
};

/** A command as it is typed: "gov vote", "subnet weights commit". */
export type CommandId = keyof typeof declarations;

/** The arguments a task's builder declares: one field per argument and option. */
type ArgumentsOf<Builder> =
  Builder extends NewTaskDefinitionBuilder<infer Args, infer _> ? { [K in keyof Args]: Args[K] } : never;

/** The arguments a command's action receives, as its task declares them. */
export type CommandArgs<Id extends CommandId> = ArgumentsOf<(typeof declarations)[Id]>;

/** A command's action, as Hardhat calls it. */
export type CommandAction<Id extends CommandId> = (
  args: CommandArgs<Id>,
  hre: HardhatRuntimeEnvironment,
) => Promise<void>;

/**
 * Where each command's action lives; an alias shares its command's. The types hold each module to the arguments
 * of every command it serves (an alias is declared by the same function as its command).
 */
const actions: {
  [Id in CommandId]: () => Promise<{
    default: (args: ArgumentsOf<(typeof declarations)[Id]>, hre: HardhatRuntimeEnvironment) => Promise<void>;
  }>;
} = {
  "protocol deploy": () => import("../commands/protocol-deploy.js"),
  "model register": () => import("../commands/model-register.js"),
  "model publish": () => import("../commands/model-publish.js"),
  "model show": () => import("../commands/model-show.js"),
  "model versions": () => import("../commands/model-versions.js"),
  "model pull": () => import("../commands/model-pull.js"),
  "model deprecate": () => import("../commands/model-deprecate.js"),
  "model publisher": () => import("../commands/model-publisher.js"),
  "imo launch": () => import("../commands/imo-launch.js"),
  "imo cancel": () => import("../commands/imo-cancel.js"),
  "imo list": () => import("../commands/imo-list.js"),
  "imo show": () => import("../commands/imo-show.js"),
  "imo quote": () => import("../commands/imo-quote.js"),
  "imo buy": () => import("../commands/imo-buy.js"),
  "imo finalize": () => import("../commands/imo-finalize.js"),
  "imo settle": () => import("../commands/imo-settle.js"),
  "imo claim": () => import("../commands/imo-settle.js"),
  "imo sweep": () => import("../commands/imo-sweep.js"),
  "revenue deposit": () => import("../commands/revenue-deposit.js"),
  "revenue claim": () => import("../commands/revenue-claim.js"),
  "revenue show": () => import("../commands/revenue-show.js"),
  "revenue exclude": () => import("../commands/revenue-exclude.js"),
  "revenue redeem": () => import("../commands/revenue-redeem.js"),
  portfolio: () => import("../commands/portfolio.js"),
  "gov delegate": () => import("../commands/gov-delegate.js"),
  delegate: () => import("../commands/gov-delegate.js"),
  "gov propose": () => import("../commands/gov-propose.js"),
  "gov list": () => import("../commands/gov-list.js"),
  "gov show": () => import("../commands/gov-show.js"),
  "gov vote": () => import("../commands/gov-vote.js"),
  "gov vote-by-sig": () => import("../commands/gov-vote-by-sig.js"),
  "gov relay": () => import("../commands/gov-relay.js"),
  "gov queue": () => import("../commands/gov-queue.js"),
  "gov execute": () => import("../commands/gov-execute.js"),
  "gov cancel": () => import("../commands/gov-cancel.js"),
  "subnet create": () => import("../commands/subnet-create.js"),
  "subnet show": () => import("../commands/subnet-show.js"),
  "subnet register": () => import("../commands/subnet-register.js"),
  "subnet stake": () => import("../commands/subnet-stake.js"),
  "subnet unstake": () => import("../commands/subnet-unstake.js"),
  "subnet withdraw": () => import("../commands/subnet-withdraw.js"),
  "subnet weights commit": () => import("../commands/subnet-weights-commit.js"),
  "subnet weights reveal": () => import("../commands/subnet-weights-reveal.js"),
  "subnet weights set": () => import("../commands/subnet-weights-set.js"),
  "subnet take": () => import("../commands/subnet-take.js"),
  "subnet epoch": () => import("../commands/subnet-epoch.js"),
  "subnet claim": () => import("../commands/subnet-claim.js"),
  "subnet metagraph": () => import("../commands/subnet-metagraph.js"),
  "subnet candidate publish": () => import("../commands/subnet-candidate-publish.js"),
  "subnet candidate show": () => import("../commands/subnet-candidate-show.js"),
  "subnet candidate pull": () => import("../commands/subnet-candidate-pull.js"),
  "subnet promotion": () => import("../commands/subnet-promotion.js"),
  "subnet promote": () => import("../commands/subnet-promote.js"),
  "subnet bind": () => import("../commands/subnet-bind.js"),
  "subnet revoke": () => import("../commands/subnet-revoke.js"),
  "subnet bounty fund": () => import("../commands/subnet-bounty-fund.js"),
  "subnet bounty claim": () => import("../commands/subnet-bounty-claim.js"),
  "subnet declare-parent": () => import("../commands/subnet-declare-parent.js"),
  "emission show": () => import("../commands/emission-show.js"),
  "emission vote": () => import("../commands/emission-vote.js"),
  "emission refresh": () => import("../commands/emission-refresh.js"),
  "emission distribute": () => import("../commands/emission-distribute.js"),
  "chain advance": () => import("../commands/chain-advance.js"),
  "model hash": () => import("../commands/model-hash.js"),
};

export const cliTasks = [
  ...groups.map(([id, description]) => emptyTask(id.split(" "), description).build()),
  ...(Object.keys(declarations) as CommandId[]).map((id) => {
    const builder: NewTaskDefinitionBuilder = declarations[id];
    const definition = builder.setAction(afterBuild(actions[id])).build();
    if (definition.id.join(" ") !== id)
      throw new Error(`The command "${id}" declares the task "${definition.id.join(" ")}".`);
    return definition;
  }),
];
