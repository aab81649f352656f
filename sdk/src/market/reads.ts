import { getAddress, ZeroAddress, type ContractRunner } from "ethers";

import { toUnits } from "../amounts.js";
import { LiquidityLock__factory, ModelToken__factory } from "../contracts.js";
import { launchScanStart } from "../context.js";
import type { EventScanOptions } from "../offering/types.js";
import type { ModelRef } from "../registry/types.js";
import { MarketInvalidSwapError, MarketNoPoolError } from "./errors.js";
import { io, marketOf, pairAt, routerAddress, routerOf, viaRouter, type MarketRecord } from "./internal.js";
import type { LpLockView, MarketContext, MarketView, SwapParameters, SwapQuote } from "./types.js";

// Reading a model token's pool: where it is and what it holds, its price beside the sale's, the lock of its pool
// shares; and what a swap through the router would pay now.

/** One whole model token in its smallest units: prices are in quote units per whole token. */
const ONE_TOKEN = 10n ** 18n;
const BPS = 10_000;
/** The slippage bound a swap gets unless told: 0.5%. */
export const DEFAULT_MAX_SLIPPAGE_BPS = 50;

/**
 * A model token's pool, opened by its sale or by its bonding curve's graduation (`kind`): its address (known from
 * launch) and whether it exists, what it holds, its price in the quote asset per token beside the price it opened at
 * (the sale's, or the curve's final price), the lock of the pool shares the sale or the graduation minted (from the
 * sale's `PoolOpened` or the curve's `Graduated` event, else the lock's `Locked` events for the pair) and the share of
 * all pool shares it holds, and whether the pool is excluded from revenue. A model whose sale opens no pool is refused
 * with {@link MarketNoPoolError}.
 *
 * Events are read from the factory's deployment block: pass `fromBlock` on chains whose RPC limits log ranges.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const m = await client.market.show("face-landmark-68");
 * if (m.price !== undefined) console.log(`${formatAmount(m.price, m.quote.decimals)} ${m.quote.symbol} per ${m.tokenSymbol}`);
 */
export async function getMarket(
  context: MarketContext,
  model: ModelRef,
  options: EventScanOptions = {},
): Promise<MarketView> {
  const fromBlock = launchScanStart(context, options.fromBlock);
  const record = await marketOf(context, model, fromBlock);
  const { launch, pool, quote } = record;
  const provider = context.runner.provider!;
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [code, tokenSymbol, excluded] = await io.read(() =>
    Promise.all([provider.getCode(pool.pair), token.symbol(), token.isExcluded(pool.pair)]),
  );
  const exists = code !== "0x";
  let reserves = { tokens: 0n, quote: 0n };
  let lpSupply = 0n;
  if (exists)
    [reserves, lpSupply] = await Promise.all([
      readReserves(record, context.runner),
      io.read(() => pairAt(pool.pair, context.runner).totalSupply() as Promise<bigint>),
    ]);
  const lock = await findLock(context, record, fromBlock);
  const locked = lock && !lock.released ? lock.amount : 0n;
  return {
    model: launch.model,
    slug: launch.slug,
    token: launch.token,
    tokenSymbol,
    kind: record.kind,
    offering: launch.offering,
    status: record.status,
    terms: pool.terms,
    pair: pool.pair,
    exists,
    quote,
    reserves,
    price: reserves.tokens === 0n ? undefined : (reserves.quote * ONE_TOKEN) / reserves.tokens,
    salePrice: record.openingPrice,
    lpSupply,
    lock,
    lockedShareBps: lpSupply === 0n ? 0 : Number((locked * BigInt(BPS)) / lpSupply),
    excluded,
    opened: pool.opened,
    notOpened: pool.notOpened,
    router: routerAddress(context),
  };
}

/**
 * What a swap through Uniswap V2's router would pay now: for `buy`, model tokens for `amount` of the quote asset;
 * for `sell`, the quote asset for `amount` model tokens; with the least the swap accepts under the slippage bound
 * (0.5% unless told). A model without an open pool is refused with {@link MarketNoPoolError}.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const q = await client.market.quoteSwap({ model: "face-landmark-68", side: "buy", amount: "0.1" });
 * console.log(`${formatAmount(q.amountOut, 18)} ${q.assetOut.symbol}, at least ${formatAmount(q.amountOutMin, 18)}`);
 */
export async function quoteSwap(context: MarketContext, params: SwapParameters): Promise<SwapQuote> {
  const maxSlippageBps = params.maxSlippageBps ?? DEFAULT_MAX_SLIPPAGE_BPS;
  if (!Number.isInteger(maxSlippageBps) || maxSlippageBps < 0 || maxSlippageBps > BPS) {
    throw new MarketInvalidSwapError(
      `A slippage bound of ${maxSlippageBps} basis points is not valid: give 0 to 10,000 (0% to 100%).`,
    );
  }
  if (params.side !== "buy" && params.side !== "sell") {
    throw new MarketInvalidSwapError(`A swap is a "buy" or a "sell", not "${String(params.side)}".`);
  }
  const router = routerOf(context);
  const record = await marketOf(context, params.model, launchScanStart(context));
  const { launch, pool, quote } = record;
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [code, tokenSymbol] = await io.read(() =>
    Promise.all([context.runner.provider!.getCode(pool.pair), token.symbol()]),
  );
  const reserves = code === "0x" ? { tokens: 0n, quote: 0n } : await readReserves(record, context.runner);
  if (reserves.tokens === 0n || reserves.quote === 0n) throw noPool(record, code !== "0x");
  const tokenAsset = { address: getAddress(launch.token), symbol: tokenSymbol, decimals: 18, isEth: false };
  const buy = params.side === "buy";
  const [assetIn, assetOut] = buy ? [quote, tokenAsset] : [tokenAsset, quote];
  const amountIn = toUnits(params.amount, assetIn);
  const path = [assetIn.address, assetOut.address];
  const amounts = await viaRouter(() => router.getAmountsOut(amountIn, path) as Promise<bigint[]>);
  const amountOut = amounts[1];
  const amountOutMin = (amountOut * BigInt(BPS - maxSlippageBps)) / BigInt(BPS);
  const [tokens, quoted] = buy ? [amountOut, amountIn] : [amountIn, amountOut];
  return {
    side: params.side,
    pair: pool.pair,
    router: await router.getAddress(),
    assetIn,
    assetOut,
    amountIn,
    amountOut,
    amountOutMin,
    maxSlippageBps,
    poolPrice: (reserves.quote * ONE_TOKEN) / reserves.tokens,
    executionPrice: tokens === 0n ? 0n : (quoted * ONE_TOKEN) / tokens,
    path,
  };
}

/** What the pool holds of each side, by the pair's token order. */
async function readReserves(record: MarketRecord, runner: ContractRunner): Promise<{ tokens: bigint; quote: bigint }> {
  const pair = pairAt(record.pool.pair, runner);
  const [token0, [reserve0, reserve1]] = await io.read(() =>
    Promise.all([pair.token0() as Promise<string>, pair.getReserves() as Promise<[bigint, bigint, bigint]>]),
  );
  return getAddress(token0) === getAddress(record.launch.token)
    ? { tokens: reserve0, quote: reserve1 }
    : { tokens: reserve1, quote: reserve0 };
}

/**
 * The lock of the pool shares the sale minted: the one its `PoolOpened` event names, else the liquidity lock's
 * `Locked` event for the pair from the sale (a scan that began after the finalisation misses the sale's event).
 */
async function findLock(
  context: MarketContext,
  record: MarketRecord,
  fromBlock: number,
): Promise<LpLockView | undefined> {
  const lock = LiquidityLock__factory.connect(record.pool.lock, context.runner);
  let id = record.pool.opened?.lockId;
  if (id === undefined) {
    if (record.pool.lock === ZeroAddress) return undefined;
    const lockFrom = context.deployment?.contracts.LiquidityLock?.blockNumber ?? fromBlock;
    const events = await io.read(() =>
      lock.queryFilter(lock.filters.Locked(undefined, record.pool.pair), Math.min(lockFrom, fromBlock)),
    );
    const fromSale = events.find((event) => getAddress(event.args.from) === getAddress(record.launch.offering));
    if (!fromSale) return undefined;
    id = fromSale.args.id;
  }
  const found = await io.read(() => lock.lockOf(id));
  return {
    id,
    amount: found.amount,
    beneficiary: found.beneficiary,
    unlockAt: new Date(Number(found.unlockAt) * 1000),
    released: found.released,
  };
}

/** The refusal of a swap against a pool that is not open, saying why. */
export function noPool(record: MarketRecord, exists: boolean): MarketNoPoolError {
  const { slug } = record.launch;
  if (record.kind === "curve") {
    if (record.pool.notOpened) {
      return new MarketNoPoolError(
        `${slug}'s curve could not open its pool when it graduated${record.pool.notOpened.message ? ` (${record.pool.notOpened.message})` : ""}: its reserve and tokens went to the DAO treasury, so there is nothing to swap against.`,
      );
    }
    if (!exists || !record.pool.opened) {
      return new MarketNoPoolError(
        `${slug}'s pool is not open yet: its bonding curve opens it at ${record.pool.pair} when it graduates (the curve is ${record.status}); trade on the curve meanwhile (curve buy / curve sell).`,
      );
    }
  }
  if (record.pool.notOpened) {
    return new MarketNoPoolError(
      `${slug}'s sale could not open its pool${record.pool.notOpened.message ? ` (${record.pool.notOpened.message})` : ""}: the reserve and the share of the proceeds went to the DAO treasury, so there is nothing to swap against.`,
    );
  }
  if (!exists) {
    return new MarketNoPoolError(
      `${slug}'s pool does not exist yet: the sale opens it at ${record.pool.pair} when it is finalised successfully.`,
    );
  }
  return new MarketNoPoolError(`${slug}'s pool at ${record.pool.pair} holds no liquidity to swap against.`);
}
