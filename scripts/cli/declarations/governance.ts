import { define, ipfsOption, jsonFlag } from "./define.js";

// The arguments of model and protocol DAOs (see ../tasks.ts).

/** `gov delegate` and its alias `delegate`. The delegate given second is the former spelling of `--to`. */
function delegation(id: string, description: string) {
  return define(id, description)
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "delegatee", description: "The same as --to (its former place)", defaultValue: "" })
    .addOption({ name: "to", description: "Who votes with your tokens (default: you)", defaultValue: "" })
    .addFlag(jsonFlag);
}

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const governanceCommands = {
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
};
