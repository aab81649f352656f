import { define, jsonFlag } from "./define.js";

// The arguments of markets: a model token's Uniswap V2 pool, opened by its sale (see ../tasks.ts).

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const marketCommands = {
  "market show": define(
    "market show",
    "Show a model token's pool: its price beside the sale's, reserves, the lock of its shares and its revenue exclusion",
  )
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "market swap": define("market swap", "Buy or sell a model token against its pool through the Uniswap V2 router")
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "side", description: "buy (pay the quote asset) or sell (pay model tokens)" })
    .addPositionalArgument({
      name: "amount",
      description: "What you pay, in whole units: the quote asset to buy (e.g. 0.5 ETH), model tokens to sell",
    })
    .addOption({
      name: "maxSlippage",
      description: "The most the price may move against you before the swap reverts, as a percentage",
      defaultValue: "0.5%",
    })
    .addFlag(jsonFlag),
};
