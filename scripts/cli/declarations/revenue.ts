import { define, jsonFlag } from "./define.js";

// The arguments of a model token's revenue, and the portfolio (see ../tasks.ts).

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const revenueCommands = {
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
};
