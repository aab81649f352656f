import { getAddress, Interface, type ContractTransaction } from "ethers";

import { formatAmount } from "../amounts.js";
import { accountOrSigner, signerAddress } from "../module.js";
import { approvalIfShort } from "../subnets/internal.js";
import { UNISWAP_V2_SWAP_EVENT_ABI } from "./abi.js";
import { SwapInsufficientBalanceError } from "./errors.js";
import { io, routerOf, viaRouter } from "./internal.js";
import { quoteSwap } from "./reads.js";
import type { MarketContext, PreparedSwap, SendSwapParameters, SwapResult } from "./types.js";

// Swapping a model token against its pool through Uniswap V2's router: exact input, a minimum out from the slippage
// bound, a deadline, and an approval of what is paid first when the router's allowance is short.

/** How long a swap may wait to be mined unless told: 20 minutes from the latest block. */
export const DEFAULT_SWAP_DEADLINE_SECONDS = 20 * 60;

const swapEvent = new Interface(UNISWAP_V2_SWAP_EVENT_ABI);

/**
 * Builds a swap without sending it: the quote, then an approval of what is paid (the model token to sell, or the
 * payment ERC-20 to buy with) to the router when the allowance is short, then the router's exact-input swap
 * (`swapExactETHForTokens` / `swapExactTokensForETH` for a pool quoted in WETH, `swapExactTokensForTokens` for one
 * in an ERC-20) with the quote's minimum out and a deadline. A balance below the amount is refused before anything
 * is signed.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions, quote } = await client.market.prepareSwap({ model: "face-landmark-68", side: "sell", amount: "100" });
 */
export async function prepareSwap(context: MarketContext, params: SendSwapParameters): Promise<PreparedSwap> {
  const payer = await signerAddress(context, "Swapping");
  const to = await accountOrSigner(context, params.to, "Swapping", "to");
  const quote = await quoteSwap(context, params);
  const router = routerOf(context);
  const latest = await context.runner.provider!.getBlock("latest");
  const deadline = Number(latest!.timestamp) + (params.deadlineSeconds ?? DEFAULT_SWAP_DEADLINE_SECONDS);
  const { amountIn, amountOutMin, path } = quote;
  const transactions: ContractTransaction[] = [];
  if (quote.assetIn.isEth) {
    const balance = await context.runner.provider!.getBalance(payer);
    if (balance < amountIn) {
      throw new SwapInsufficientBalanceError(
        `${payer} has ${formatAmount(balance, 18)} ETH, less than the ${formatAmount(amountIn, 18)} ETH the swap pays in.`,
      );
    }
    transactions.push(
      await router.swapExactETHForTokens.populateTransaction(amountOutMin, path, to, deadline, { value: amountIn }),
    );
  } else {
    const approval = await approvalIfShort(context, quote.assetIn.address, payer, amountIn, quote.router);
    if (approval) transactions.push(approval);
    const method = quote.assetOut.isEth ? router.swapExactTokensForETH : router.swapExactTokensForTokens;
    transactions.push(await method.populateTransaction(amountIn, amountOutMin, path, to, deadline));
  }
  return { transactions, quote, to: getAddress(to), deadline };
}

/**
 * Swaps against a model token's pool through Uniswap V2's router (see {@link prepareSwap}): buys model tokens with
 * the quote asset, or sells them for it, at no less than the quote less the slippage bound (0.5% unless told). A
 * price that moved further is refused with {@link SwapInsufficientOutputError}, a swap mined after its deadline with
 * {@link SwapExpiredError}, a model without an open pool with {@link MarketNoPoolError}.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { amountOut, quote } = await client.market.swap({ model: "face-landmark-68", side: "buy", amount: "0.5" });
 * console.log(`${formatAmount(amountOut, quote.assetOut.decimals)} ${quote.assetOut.symbol}`);
 */
export async function swap(context: MarketContext, params: SendSwapParameters): Promise<SwapResult> {
  const prepared = params.prepared ?? (await prepareSwap(context, params));
  const { quote } = prepared;
  const minimum = `${formatAmount(quote.amountOutMin, quote.assetOut.decimals)} ${quote.assetOut.symbol}`;
  const { receipt, approval } = await viaRouter(() => io.sendAll(context, prepared.transactions, "Swapping"), minimum);
  const pair = getAddress(quote.pair);
  const topic = swapEvent.getEvent("Swap")!.topicHash;
  const log = receipt.logs.find((entry) => getAddress(entry.address) === pair && entry.topics[0] === topic);
  const [token, quoted] = quote.side === "buy" ? [quote.assetOut, quote.assetIn] : [quote.assetIn, quote.assetOut];
  const tokenIsToken0 = BigInt(token.address) < BigInt(quoted.address);
  let amountIn = quote.amountIn;
  let amountOut = 0n;
  if (log) {
    const args = swapEvent.parseLog(log)!.args;
    const [in0, in1, out0, out1] = [args.amount0In, args.amount1In, args.amount0Out, args.amount1Out] as bigint[];
    // The model token is token0 when its address sorts first; what comes out is the other side of what went in.
    const tokenSide = { in: tokenIsToken0 ? in0 : in1, out: tokenIsToken0 ? out0 : out1 };
    const quoteSide = { in: tokenIsToken0 ? in1 : in0, out: tokenIsToken0 ? out1 : out0 };
    [amountIn, amountOut] = quote.side === "buy" ? [quoteSide.in, tokenSide.out] : [tokenSide.in, quoteSide.out];
  }
  return { quote, amountIn, amountOut, to: prepared.to, receipt, approval };
}
