import { define, jsonFlag } from "./define.js";

// The arguments of bonding curves: a model token sold along a curve until it graduates into a Uniswap V2 pool (see
// ../tasks.ts).

const slippage = {
  name: "maxSlippage",
  description: "The most the price may move against you before the trade reverts, as a percentage",
  defaultValue: "1%",
} as const;

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const curveCommands = {
  "curve show": define(
    "curve show",
    "Show a model's bonding curve: status, price, reserve and progress to the target, fees, deadline, and its pool once graduated",
  )
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "curve quote": define("curve quote", "What a buy or a sale on a model's curve would give now, its fee and its price")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "side", description: "buy (pay the payment asset) or sell (sell tokens back)" })
    .addPositionalArgument({
      name: "amount",
      description: "What you pay, in whole units: the payment asset to buy (e.g. 0.5 ETH), model tokens to sell",
    })
    .addOption(slippage)
    .addFlag(jsonFlag),
  "curve buy": define("curve buy", "Buy model tokens from a model's bonding curve")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "What you pay, in whole units of the payment asset" })
    .addOption(slippage)
    .addFlag(jsonFlag),
  "curve sell": define("curve sell", "Sell model tokens you bought from a model's bonding curve back to it")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "amount", description: "Model tokens to sell back, in whole tokens" })
    .addOption(slippage)
    .addFlag(jsonFlag),
  "curve graduate": define(
    "curve graduate",
    "Graduate a curve that reached its target into its Uniswap V2 pool, its shares locked for the treasury (anyone)",
  )
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "curve collect-fees": define(
    "curve collect-fees",
    "Pay a curve's accrued fees to its token's holders as revenue, or to the treasury, as launched (anyone)",
  )
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "curve reclaim": define(
    "curve reclaim",
    "Past a missed deadline, send the model tokens a curve holds to the DAO treasury (anyone)",
  )
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "curve withdraw": define("curve withdraw", "Withdraw the ETH refunds a curve credited to you")
    .addPositionalArgument({ name: "slug" })
    .addOption({ name: "to", description: "Where the ETH goes (default: you)", defaultValue: "" })
    .addFlag(jsonFlag),
};
