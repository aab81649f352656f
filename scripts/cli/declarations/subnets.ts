import { define, ipfsOption, jsonFlag } from "./define.js";

// The arguments of subnets: creation, neurons, stake, weights, epochs, rewards, candidates and promotion (see ../tasks.ts).

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const subnetCommands = {
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
};
