import { getAddress } from "ethers";

import { toUnits } from "../amounts.js";
import { launchScanStart } from "../context.js";
import { ModelToken__factory } from "../contracts.js";
import type { LaunchRecord } from "../launches.js";
import { optionalSignerAddress, address as checkedAddress } from "../module.js";
import type { EventScanOptions, PaymentAsset } from "../offering/types.js";
import type { ModelRef } from "../registry/types.js";
import { CurveInvalidTradeError } from "./errors.js";
import {
  BPS,
  curveOf,
  curveOfLaunch,
  curvePrices,
  curveStatusName,
  io,
  priceAt,
  progressOf,
  readGraduation,
  type CurveRecord,
} from "./internal.js";
import type {
  CurveContext,
  CurveQuote,
  CurveQuoteParameters,
  CurveSummary,
  CurveTermsView,
  CurveView,
} from "./types.js";

// Reading a bonding curve: where it stands (price, reserve, progress to the target, fees, the pool once graduated),
// every curve launch in a list, and what a trade would do now.

/** The slippage bound a curve trade gets unless told: 1%. */
export const DEFAULT_CURVE_SLIPPAGE_BPS = 100;

/** Options of {@link getCurve}. */
export interface GetCurveOptions extends EventScanOptions {
  /** Whose purchases and credits to read: the signer by default (none with a read-only runner). */
  account?: string;
}

/**
 * A model's bonding curve: its status, the price now beside the opening and final prices, the reserve and its
 * progress to the target, the tokens on the curve, the fees accrued, the fee now (the opening fee included), the
 * deadline, and its pool (its address from launch; once graduated what entered it and the lock of its shares). With
 * a signer (or `account`), what that account bought and may sell back. A model launched through a sale is refused
 * with {@link CurveLaunchNotFoundError}.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const c = await client.curve.show("face-landmark-68-tiny");
 * console.log(c.status, `${c.progressBps / 100}%`, `${formatAmount(c.price, c.payment.decimals)} ${c.payment.symbol}`);
 */
export async function getCurve(
  context: CurveContext,
  model: ModelRef,
  options: GetCurveOptions = {},
): Promise<CurveView> {
  const record = await curveOf(context, model);
  const { launch, curve, config, payment } = record;
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const account =
    options.account === undefined ? await optionalSignerAddress(context) : checkedAddress(options.account, "account");
  const [status, [reserve, tokensOnCurve, fees, credits], feeBps, pair, market, tokenSymbol] = await io.read(() =>
    Promise.all([curve.status(), curve.state(), curve.currentFeeBps(), curve.pool(), curve.market(), token.symbol()]),
  );
  const [code, graduation, mine] = await Promise.all([
    io.read(() => context.runner.provider!.getCode(pair)),
    readGraduation(curve, launchScanStart(context, options.fromBlock)),
    account
      ? io.read(() => Promise.all([curve.boughtOf(account), curve.creditOf(account)]))
      : Promise.resolve(undefined),
  ]);
  const terms = config.curve;
  const prices = curvePrices(terms);
  const statusName = curveStatusName(status);
  // Graduation moves the reserve into the pool: the progress stays at the target it reached.
  const reached = statusName === "Graduated" || statusName === "Graduating";
  return {
    model: launch.model,
    slug: launch.slug,
    token: launch.token,
    tokenSymbol,
    curve: launch.offering,
    treasury: config.treasury,
    status: statusName,
    payment,
    terms: termsView(record),
    price: statusName === "Graduated" ? prices.final : priceAt(terms, reserve, tokensOnCurve),
    openingPrice: prices.opening,
    finalPrice: prices.final,
    reserve,
    tokensOnCurve,
    tokensSold: terms.tokensForCurve - tokensOnCurve,
    fees,
    credits,
    progressBps: reached ? BPS : progressOf(reserve, terms.targetQuote),
    currentFeeBps: Number(feeBps),
    deadline: new Date(Number(terms.deadline) * 1000),
    pool: { pair, exists: code !== "0x", lock: market.lock, ...graduation },
    account: account && mine ? { address: getAddress(account), bought: mine[0], credit: mine[1] } : undefined,
  };
}

/** A curve's fixed terms, in the SDK's units. */
function termsView({ config }: CurveRecord): CurveTermsView {
  const terms = config.curve;
  return {
    tokensForCurve: terms.tokensForCurve,
    reserveTokens: config.reserveTokens,
    virtualQuote: terms.virtualQuote,
    targetQuote: terms.targetQuote,
    feeBps: Number(terms.feeBps),
    openingFeeBps: Number(terms.openingFeeBps),
    openingBlocks: Number(terms.openingBlocks),
    feesToHolders: terms.feesToHolders,
    deadline: new Date(Number(terms.deadline) * 1000),
    lockDuration: Number(terms.lockDuration),
    launchBlock: config.launchBlock,
  };
}

/** One curve launch in a list: status, reserve against the target, price now. */
export async function readCurveSummary(context: CurveContext, launch: LaunchRecord): Promise<CurveSummary> {
  const { curve, config, payment } = await curveOfLaunch(context, launch);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [status, [reserve, onCurve], tokenSymbol] = await io.read(() =>
    Promise.all([curve.status(), curve.state(), token.symbol()]),
  );
  const terms = config.curve;
  const statusName = curveStatusName(status);
  const reached = statusName === "Graduated" || statusName === "Graduating";
  return {
    model: launch.model,
    slug: launch.slug,
    token: launch.token,
    tokenSymbol,
    curve: launch.offering,
    status: statusName,
    payment,
    reserve: statusName === "Graduated" ? terms.targetQuote : reserve,
    targetQuote: terms.targetQuote,
    progressBps: reached ? BPS : progressOf(reserve, terms.targetQuote),
    price: statusName === "Graduated" ? curvePrices(terms).final : priceAt(terms, reserve, onCurve),
    deadline: new Date(Number(terms.deadline) * 1000),
  };
}

/**
 * What a trade on the curve would do now: for `buy`, the model tokens `amount` of the payment asset gets (after the
 * fee, the opening fee included; a buy past the target is filled to it and the rest refunded); for `sell`, what
 * `amount` model tokens sold back pay (after the fee; none while refunding); with the least the trade accepts under
 * the slippage bound (1% unless told), and the price before and after.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const q = await client.curve.quote({ model: "face-landmark-68-tiny", side: "buy", amount: "0.5" });
 * console.log(`${formatAmount(q.amountOut, 18)} tokens, fee ${formatAmount(q.fee, 18)} ETH`);
 */
export async function quoteCurve(context: CurveContext, params: CurveQuoteParameters): Promise<CurveQuote> {
  const maxSlippageBps = params.maxSlippageBps ?? DEFAULT_CURVE_SLIPPAGE_BPS;
  if (!Number.isInteger(maxSlippageBps) || maxSlippageBps < 0 || maxSlippageBps > BPS) {
    throw new CurveInvalidTradeError(
      `A slippage bound of ${maxSlippageBps} basis points is not valid: give 0 to 10,000 (0% to 100%).`,
    );
  }
  if (params.side !== "buy" && params.side !== "sell") {
    throw new CurveInvalidTradeError(`A trade on a curve is a "buy" or a "sell", not "${String(params.side)}".`);
  }
  const { launch, curve, config, payment } = await curveOf(context, params.model);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [tokenSymbol, [reserve, onCurve], feeBps] = await io.read(() =>
    Promise.all([token.symbol(), curve.state(), curve.currentFeeBps()]),
  );
  const tokenAsset: PaymentAsset = {
    address: getAddress(launch.token),
    symbol: tokenSymbol,
    decimals: 18,
    isEth: false,
  };
  const terms = config.curve;
  const buy = params.side === "buy";
  const [assetIn, assetOut] = buy ? [payment, tokenAsset] : [tokenAsset, payment];
  const amountIn = toUnits(params.amount, assetIn);
  let amountOut: bigint;
  let fee: bigint;
  let refund = 0n;
  let after: { reserve: bigint; onCurve: bigint };
  if (buy) {
    const [tokensOut, buyFee, buyRefund] = await io.read(() => curve.quoteBuy(amountIn));
    [amountOut, fee, refund] = [tokensOut, buyFee, buyRefund];
    after = { reserve: reserve + amountIn - fee - refund, onCurve: onCurve - tokensOut };
  } else {
    const [quoteOut, sellFee] = await io.read(() => curve.quoteSell(amountIn));
    [amountOut, fee] = [quoteOut, sellFee];
    // A sale takes its gross (what is paid plus the fee) from the reserve; the quote is zero when it cannot happen.
    after =
      quoteOut + sellFee === 0n
        ? { reserve, onCurve }
        : { reserve: reserve - quoteOut - sellFee, onCurve: onCurve + amountIn };
  }
  return {
    side: params.side,
    curve: launch.offering,
    assetIn,
    assetOut,
    amountIn,
    amountOut,
    amountOutMin: (amountOut * BigInt(BPS - maxSlippageBps)) / BigInt(BPS),
    maxSlippageBps,
    fee,
    feeBps: Number(feeBps),
    refund,
    priceBefore: priceAt(terms, reserve, onCurve),
    priceAfter: priceAt(terms, after.reserve, after.onCurve),
    reachesTarget: buy && after.reserve === terms.targetQuote && amountOut > 0n,
  };
}
