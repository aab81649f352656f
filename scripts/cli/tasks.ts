import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

// Every CLI command is a Hardhat task whose action lives in scripts/commands/, loaded only when run.
// Shared options: --json prints machine-readable output; --ipfs <url> uses a Kubo RPC endpoint instead of
// the embedded node.

type Action = (args: never, hre: HardhatRuntimeEnvironment) => Promise<void>;

/**
 * A command's lazy action that first makes sure the build is current: the SDK imports the TypeChain bindings
 * that the build writes, so they must exist (and match the contracts) before the command module loads. The
 * build runs only when they are missing or older than a contract, so that commands run side by side (a
 * script, a keeper) do not rebuild at the same time.
 */
function command(load: () => Promise<{ default: Action }>) {
  return async () => ({
    default: async (args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) => {
      if (await bindingsStale(hre.config.paths.root)) await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
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
  description: "Kubo RPC URL (e.g. http://127.0.0.1:5001); default: IPFS_API, else the embedded node in IPFS_DIR or .ipfs",
  defaultValue: "",
} as const;
const jsonFlag = { name: "json", description: "Print the result as JSON" } as const;

export const cliTasks = [
  emptyTask("protocol", "Deploy and inspect the protocol").build(),
  task(["protocol", "deploy"], "Deploy the protocol (resumable) and record its addresses in deployments/<network>.json")
    .addOption({ name: "parameters", description: "Ignition parameters (JSON); default deploy/parameters/<network>.json when present", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/protocol-deploy.js")))
    .build(),

  emptyTask("model", "Register, publish, inspect and pull models").build(),
  task(["model", "register"], "Register a model under a slug, with its model card on IPFS")
    .addPositionalArgument({ name: "slug", description: "3-64 of a-z, 0-9 and '-'" })
    .addOption({ name: "license", description: "SPDX licence id, e.g. MIT", defaultValue: "" })
    .addOption({ name: "card", description: "Model card JSON file (needs a \"name\")", defaultValue: "" })
    .addOption({ name: "name", description: "Display name, when no --card is given", defaultValue: "" })
    .addOption({ name: "description", description: "Description, when no --card is given", defaultValue: "" })
    .addFlag({
      name: "commitReveal",
      description: "Commit first and reveal a minute later, so the slug cannot be copied from the mempool (resumable)",
    })
    .addOption({ name: "commitmentsFile", description: "Where the commitment's secret is kept (with --commit-reveal)", defaultValue: "" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-register.js")))
    .build(),
  task(["model", "publish"], "Upload a weights directory (or file) to IPFS and publish it as a new version")
    .addPositionalArgument({ name: "dir", description: "Directory or file with the weights" })
    .addOption({ name: "model", description: "Slug of the model", defaultValue: "" })
    .addOption({ name: "tag", description: "Version tag, unique within the model (e.g. v1.0.0)", defaultValue: "" })
    .addOption({ name: "parent", description: "Version it derives from, as <slug>@<tag>", defaultValue: "" })
    .addOption({ name: "configFile", description: "Configuration file or its CID", defaultValue: "" })
    .addOption({ name: "datasets", description: "Comma-separated dataset CIDs (provenance)", defaultValue: "" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-publish.js")))
    .build(),
  task(["model", "show"], "Show a model: owner, licence, card, latest version and its lineage")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-show.js")))
    .build(),
  task(["model", "versions"], "List a model's versions as a table")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-versions.js")))
    .build(),
  task(["model", "pull"], "Download a version's weights, verified block by block against the CID on chain")
    .addPositionalArgument({ name: "ref", description: "<slug> for the latest version, or <slug>@<tag>" })
    .addPositionalArgument({ name: "dir", description: "Destination (must not exist)" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-pull.js")))
    .build(),
  task(["model", "deprecate"], "Deprecate a version with a reason (or lift it with --undo)")
    .addPositionalArgument({ name: "ref", description: "<slug>@<tag>" })
    .addOption({ name: "reason", description: "Why, shown to everyone (1-280 bytes)", defaultValue: "" })
    .addFlag({ name: "undo", description: "Lift the deprecation instead" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-deprecate.js")))
    .build(),
  task(["model", "publisher"], "Allow an account to publish versions of a model (or --revoke it)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "account" })
    .addFlag({ name: "revoke", description: "Revoke instead of grant" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-publisher.js")))
    .build(),
  emptyTask("imo", "Launch and take part in Initial Model Offerings").build(),
  task(["imo", "launch"], "Launch a registered model's IMO (token, sale, vesting, DAO) from a JSON config file")
    .addOption({ name: "configFile", description: "The launch configuration (JSON)", defaultValue: "" })
    .addFlag({ name: "dryRun", description: "Check the configuration and print the plan without sending anything" })
    .addOption({ name: "allowlistOut", description: "Where to save the allowlist's Merkle tree (buyers need it)", defaultValue: "" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-launch.js")))
    .build(),
  task(["imo", "cancel"], "Cancel a sale before it starts (the team that launched it only)")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-cancel.js")))
    .build(),
  task(["imo", "list"], "List every launched model's sale: status, raise, caps, price and window")
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-list.js")))
    .build(),
  task(["imo", "show"], "Show a sale in full: terms, totals, fee, contracts and the team's vesting wallets")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-show.js")))
    .build(),
  task(["imo", "quote"], "What a deposit would buy and refund if the sale closed now with it")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "In the payment asset's whole units, e.g. 1.5 (ETH)" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-quote.js")))
    .build(),
  task(["imo", "buy"], "Deposit into a live sale: ETH, or an ERC-20 by permit (else approval)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "In the payment asset's whole units, e.g. 1.5 (ETH)" })
    .addOption({ name: "allowlist", description: "The sale's allowlist tree (JSON), for an allowlisted sale", defaultValue: "" })
    .addFlag({ name: "approve", description: "Send an approval instead of signing a permit" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-buy.js")))
    .build(),
  task(["imo", "finalize"], "Close a sale after its window: decide the outcome and pay the treasury")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-finalize.js")))
    .build(),
  task(["imo", "settle"], "Settle a deposit once the sale is over: its tokens and refund go to the depositor")
    .addPositionalArgument({ name: "slug" })
    .addOption({ name: "account", description: "Whose deposit (default: yours); anyone may settle anyone", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-settle.js")))
    .build(),
  task(["imo", "claim"], "Settle your deposit, sending its tokens and refund to another address")
    .addPositionalArgument({ name: "slug" })
    .addOption({ name: "to", description: "Where the tokens and refund go", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-claim.js")))
    .build(),
  task(["imo", "sweep"], "Send what rounding left in a settled sale to its treasury")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/imo-sweep.js")))
    .build(),
  emptyTask("revenue", "Deposit, claim and redeem a model token's revenue, or exclude your tokens from it").build(),
  task(["revenue", "deposit"], "Deposit revenue for a model token's holders: ETH, or an accepted ERC-20 by permit (else approval)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "In the asset's whole units, e.g. 1.5 (ETH)" })
    .addOption({ name: "asset", description: "ETH, an ERC-20 address, or the symbol of an accepted asset", defaultValue: "ETH" })
    .addFlag({ name: "approve", description: "Send an approval instead of signing a permit" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/revenue-deposit.js")))
    .build(),
  task(["revenue", "claim"], "Claim your revenue from a model token (every asset by default), or someone else's for them")
    .addPositionalArgument({ name: "slug" })
    .addOption({ name: "asset", description: "Only this asset: ETH, an address or a symbol (default: all)", defaultValue: "" })
    .addOption({ name: "to", description: "Where your revenue goes (default: you)", defaultValue: "" })
    .addOption({ name: "for", description: "Claim a holder's revenue, paid to that holder; anyone may", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/revenue-claim.js")))
    .build(),
  task(["revenue", "show"], "Show a model token's revenue per asset: deposited, released, claimed, outstanding, reserve, and yours")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/revenue-show.js")))
    .build(),
  task(["revenue", "exclude"], "Exclude your tokens from a model token's revenue sharing (they stop earning; only you can undo it)")
    .addPositionalArgument({ name: "slug" })
    .addFlag({ name: "include", description: "Include your tokens again: they earn from now on" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/revenue-exclude.js")))
    .build(),
  task(["revenue", "redeem"], "Burn model tokens for their share of the revenue reserve")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "Model tokens to burn, in whole tokens, e.g. 100" })
    .addOption({ name: "to", description: "Where the reserve's share goes (default: you)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/revenue-redeem.js")))
    .build(),
  task("portfolio", "An account's model tokens, votes, deposits to settle, vesting wallets and revenue to claim")
    .addPositionalArgument({ name: "address", description: "Whose (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/portfolio.js")))
    .build(),
  task("delegate", "Delegate your votes in a model's DAO (to yourself by default)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "to", description: "Who votes with your tokens (default: you)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/delegate.js")))
    .build(),
  emptyTask("gov", "Run a model's DAO (or, as slug \"protocol\", the protocol DAO): delegate, propose, vote, queue, execute").build(),
  task(["gov", "delegate"], "Delegate your votes in a model's DAO (to yourself by default)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "to", description: "Who votes with your tokens (default: you)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-delegate.js")))
    .build(),
  task(["gov", "propose"], "Propose an action to a model's DAO; its decoded calls are shown, then proposed")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({
      name: "action",
      description:
        "publish, deprecate, undeprecate, publisher, transfer-model, allow-asset, remove-asset, stream-duration, exclude, include, recover-surplus, send-eth, send-token, voting-delay, voting-period, threshold, quorum, timelock-delay, launch-fee (protocol), calls",
    })
    .addVariadicArgument({ name: "args", description: "The action's arguments", defaultValue: [] })
    .addOption({ name: "description", description: "Markdown file: the proposal's text, its first line the title", defaultValue: "" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-propose.js")))
    .build(),
  task(["gov", "list"], "List a model's proposals: state, votes, quorum, deadline, ETA")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-list.js")))
    .build(),
  task(["gov", "show"], "Show a proposal: its decoded actions, votes, dates and description")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-show.js")))
    .build(),
  task(["gov", "vote"], "Vote on a proposal: for, against or abstain")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addPositionalArgument({ name: "support", description: "for, against or abstain" })
    .addOption({ name: "reason", description: "Why, recorded on chain with the vote", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-vote.js")))
    .build(),
  task(["gov", "vote-by-sig"], "Sign your vote without sending it, for anyone to submit with gov relay")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addPositionalArgument({ name: "support", description: "for, against or abstain" })
    .addOption({ name: "reason", description: "Why, recorded on chain with the vote", defaultValue: "" })
    .addOption({ name: "out", description: "Where to write the signed vote (JSON)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-vote-by-sig.js")))
    .build(),
  task(["gov", "relay"], "Submit a vote someone signed with gov vote-by-sig (you pay the gas)")
    .addPositionalArgument({ name: "file", description: "The signed vote (JSON)" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-relay.js")))
    .build(),
  task(["gov", "queue"], "Queue a proposal that passed in the DAO's timelock")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-queue.js")))
    .build(),
  task(["gov", "execute"], "Execute a queued proposal once the timelock's delay has passed (anyone may)")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-execute.js")))
    .build(),
  task(["gov", "cancel"], "Cancel your proposal while it is pending")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "proposal", description: "Its number (1, 2, 3...) or full id" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/gov-cancel.js")))
    .build(),
  emptyTask("subnet", "Create and take part in subnets: register, stake, set weights, run epochs, claim").build(),
  task(["subnet", "create"], "Create a subnet (you own it), paying the creation fee in ETH")
    .addOption({ name: "stakeToken", description: "ERC-20 staked on hotkeys", defaultValue: "" })
    .addOption({ name: "rewardToken", description: "ERC-20 of the reward pool (registrations, funding, emission)", defaultValue: "" })
    .addOption({ name: "ownerHotkey", description: "Your hotkey on the subnet: never pruned, always a validator", defaultValue: "" })
    .addOption({ name: "params", description: "JSON file of hyperparameters to change from the defaults", defaultValue: "" })
    .addOption({ name: "name", description: "The subnet's name, in its description on IPFS", defaultValue: "" })
    .addOption({ name: "description", description: "What the subnet improves and how miners are judged", defaultValue: "" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-create.js")))
    .build(),
  task(["subnet", "show"], "Show a subnet: tokens, hyperparameters, UIDs, epochs, pool and the registration price")
    .addPositionalArgument({ name: "netuid" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-show.js")))
    .build(),
  task(["subnet", "register"], "Take a UID on a subnet for its current price (approving the reward token when needed)")
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "hotkey", description: "The hotkey to register (default: you)", defaultValue: "" })
    .addOption({ name: "maxPrice", description: "The most you pay, in whole reward tokens (default: the quote plus 10%)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-register.js")))
    .build(),
  task(["subnet", "stake"], "Stake on your hotkey, or on another's with --hotkey (a delegation); it counts from the epoch after the next")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "amount", description: "In whole stake tokens, e.g. 100" })
    .addOption({ name: "hotkey", description: "The hotkey to stake on (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-stake.js")))
    .build(),
  task(["subnet", "unstake"], "Take stake off a hotkey: pending stake back at once, counted stake unbonds until the next epoch")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "amount", description: "In whole stake tokens, e.g. 100" })
    .addOption({ name: "hotkey", description: "The hotkey to unstake from (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-unstake.js")))
    .build(),
  task(["subnet", "withdraw"], "Withdraw your unbonded stake from a hotkey once the epoch after the unstake has started")
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "hotkey", description: "The hotkey unstaked from (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-withdraw.js")))
    .build(),
  emptyTask(["subnet", "weights"], "Commit and reveal a validator's weights").build(),
  task(["subnet", "weights", "commit"], "Commit weights (salt kept in .subnets/commits.json, or SUBNET_COMMITS_FILE) to reveal later")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "weights", description: "uid:weight pairs, e.g. 0:0.7,3:0.3 (scaled so the largest is 65535)" })
    .addOption({ name: "versionKey", description: "The subnet's weights version key", defaultValue: "" })
    .addOption({ name: "commitsFile", description: "Where the salt is kept", defaultValue: "" })
    .addFlag({ name: "keepZeros", description: "Name UIDs given a zero weight (e.g. 3:0) rather than leave them out" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-weights-commit.js")))
    .build(),
  task(["subnet", "weights", "reveal"], "Reveal your pending commit with its kept salt, in its reveal epoch")
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "commitsFile", description: "Where the salt was kept", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-weights-reveal.js")))
    .build(),
  task(["subnet", "weights", "set"], "Set weights directly, on a subnet without commit and reveal")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "weights", description: "uid:weight pairs, e.g. 0:0.7,3:0.3 (scaled so the largest is 65535)" })
    .addOption({ name: "versionKey", description: "The subnet's weights version key", defaultValue: "" })
    .addFlag({ name: "keepZeros", description: "Name UIDs given a zero weight (e.g. 3:0) rather than leave them out" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-weights-set.js")))
    .build(),
  task(["subnet", "take"], "Set your validator hotkey's take of its dividends (its coldkey only; at most 18%)")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "percent", description: "Percent of the dividends, e.g. 9" })
    .addOption({ name: "hotkey", description: "The hotkey (default: yours)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-take.js")))
    .build(),
  task(["subnet", "epoch"], "Run the subnet's due epoch to completion, step by step (anyone may; the last step earns the keeper reward)")
    .addPositionalArgument({ name: "netuid" })
    .addFlag({ name: "preview", description: "Only predict the next epoch off chain, sending nothing" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-epoch.js")))
    .build(),
  task(["subnet", "claim"], "Claim your rewards on a subnet: incentive, take, owner's cut, keeper rewards and stake dividends")
    .addPositionalArgument({ name: "netuid" })
    .addOption({ name: "to", description: "Where they go (default: you)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-claim.js")))
    .build(),
  task(["subnet", "metagraph"], "The subnet's UIDs with stake, permits, trust, consensus, incentive, dividends and emission")
    .addPositionalArgument({ name: "netuid" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-metagraph.js")))
    .build(),
  emptyTask(["subnet", "candidate"], "Publish, show and pull miners' model candidates (weights on IPFS)").build(),
  task(["subnet", "candidate", "publish"], "Upload a weights folder (or file) to IPFS and record its CID as your candidate")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "path", description: "Folder or file with the weights" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-candidate-publish.js")))
    .build(),
  task(["subnet", "candidate", "show"], "Show a hotkey's (or UID's) candidate, or every UID's")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "hotkey", description: "A hotkey or a UID (default: all)", defaultValue: "" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-candidate-show.js")))
    .build(),
  task(["subnet", "candidate", "pull"], "Download a candidate's weights, verified block by block against the CID on chain")
    .addPositionalArgument({ name: "netuid" })
    .addPositionalArgument({ name: "hotkey", description: "A hotkey or a UID" })
    .addPositionalArgument({ name: "dir", description: "Destination (must not exist)" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/subnet-candidate-pull.js")))
    .build(),
  emptyTask("chain", "Local development chain helpers").build(),
  task(["chain", "advance"], "Move a local development chain's clock forward and mine a block (chain 31337 only)")
    .addPositionalArgument({ name: "duration", description: "Seconds, or e.g. 10m, 12h, 5d, 1w" })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/chain-advance.js")))
    .build(),
  task(["model", "hash"], "Print the CID of a file or directory without storing anything")
    .addPositionalArgument({ name: "path" })
    .addOption({ name: "cidVersion", description: "0 or 1", defaultValue: "1", type: ArgumentType.STRING })
    .addFlag(jsonFlag)
    .setAction(command(() => import("../commands/model-hash.js")))
    .build(),
];
