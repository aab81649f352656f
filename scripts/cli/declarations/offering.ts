import { define, ipfsOption, jsonFlag } from "./define.js";

// The arguments of Initial Model Offerings: launch, buy, settle (see ../tasks.ts).

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

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const offeringCommands = {
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
  "imo list": define(
    "imo list",
    "List every launch: a sale's status, raise, caps, price and window; a bonding curve's progress to its target",
  ).addFlag(jsonFlag),
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
  "imo pay-fee": define("imo pay-fee", "Pay a finalised sale's protocol fee to its recipient (anyone may)")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
};
