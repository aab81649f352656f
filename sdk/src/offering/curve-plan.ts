import { getAddress, parseUnits, ZeroAddress, ZeroHash } from "ethers";

import { formatAmount } from "../amounts.js";
import type { ProtocolContext } from "../context.js";
import { BondingCurve__factory, IPaymentToken__factory, type IModelLaunchFactory } from "../contracts.js";
import { curvePrices, feeAtBlock, ONE_TOKEN, onCurveAt } from "../curve/math.js";
import { formatDuration, toUnix } from "../durations.js";
import { optionalSignerAddress } from "../module.js";
import { LaunchConfigError, type CurveLaunchConfig, type LaunchConfig } from "./config.js";
import { checkDao, checkLock, date, pairAddress, planRevenue, revenueSummary } from "./plan.js";
import type { PaymentAsset } from "./types.js";

// A bonding-curve launch planned before anything is sent: the configuration checked against the chain (the model,
// the payment token, the factory's minimums, the liquidity lock's bounds), turned into the factory's
// CurveLaunchParams, and described in words: the prices along the curve, what the pool gets at graduation, the
// opening fee's fall, the deadline and its refund path, the lock.

const TOKEN_DECIMALS = 18;
/** The largest virtual reserve or target the curve accepts: both must fit 128 bits. */
const MAX_QUOTE = 2n ** 128n - 1n;

/** A curve launch ready to send: the factory's parameters and the plan in words. */
export interface CurveLaunchPlan {
  params: IModelLaunchFactory.CurveLaunchParamsStruct;
  /** Whether the model must be registered (and its weights published) first. */
  registerFirst: boolean;
  /** Lines describing what the launch will do, for people to read before it happens. */
  summary: string[];
  curve: CurvePlan;
}

/**
 * A curve as planned. Amounts are in smallest units (model tokens: 18 decimals; quote: the payment asset's); prices
 * in quote units per whole token.
 */
export interface CurvePlan {
  payment: PaymentAsset;
  tokensForCurve: bigint;
  /** Model tokens the curve holds for its pool beside those it sells. */
  reserveTokens: bigint;
  virtualQuote: bigint;
  targetQuote: bigint;
  /** The price of the first token, `V / N`, and the final price at the target, `(V + target) / S`. */
  openingPrice: bigint;
  finalPrice: bigint;
  /** Tokens sold when the target is reached, and those still on the curve then. */
  tokensSoldAtTarget: bigint;
  tokensLeftAtTarget: bigint;
  /** What graduation puts into the pool at the final price, and what goes to the treasury. */
  pool: {
    /** The pool's address (its Uniswap V2 pair, predicted before the token exists), excluded from revenue from launch. */
    pair: string;
    tokens: bigint;
    quote: bigint;
    tokensToTreasury: bigint;
    quoteToTreasury: bigint;
  };
  feeBps: number;
  openingFeeBps: number;
  openingBlocks: number;
  /** The fee of a trade by blocks after the launch, from the launch block to the first at the trading fee. */
  feeSchedule: { block: number; feeBps: number }[];
  feesToHolders: boolean;
  /** When buying stops if the target has not been reached (unix seconds). */
  deadline: number;
  /** Seconds the pool shares stay locked for the treasury from graduation. */
  lockDuration: number;
}

/** Parameters of {@link planCurveLaunch}. */
export interface PlanCurveLaunchParameters {
  config: LaunchConfig;
  /** "Now", in unix seconds, for offsets such as "+7d"; the chain's latest block time by default. */
  now?: number;
}

/**
 * Turns a checked bonding-curve configuration (`type` "curve") into the factory's curve launch parameters, checking
 * what depends on the chain (the model, the payment token, the factory's and the lock's bounds) and the rules between
 * fields (the supply adds up, the fees, the deadline), and describes the launch in words: opening and final prices,
 * tokens sold by the target, what the pool gets and its price, the opening fee's fall, the deadline and refund path,
 * the lock, the pool's address excluded from revenue.
 *
 * @example
 * import { createClient, readDeployment, readLaunchConfig } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { config } = await readLaunchConfig("deploy/launches/face-landmark-68-tiny.json");
 * const plan = await client.offering.planCurveLaunch({ config });
 * console.log(plan.summary.join("\n"));
 */
export async function planCurveLaunch(
  context: ProtocolContext,
  parameters: PlanCurveLaunchParameters,
): Promise<CurveLaunchPlan> {
  const config = parameters.config;
  if (config.type !== "curve") {
    throw new LaunchConfigError([
      'type: this is a sale ("offering"): plan it with planLaunch and launch it with launchOffering',
    ]);
  }
  const issues: string[] = [];
  const now = parameters.now ?? Number((await context.runner.provider!.getBlock("latest"))!.timestamp);

  const modelId = await context.registry.modelIdOf(config.model.slug);
  const registerFirst = modelId === 0n;
  if (registerFirst && !config.model.register) {
    issues.push(`model.slug: no model "${config.model.slug}" is registered; add model.register to register it first`);
  }
  if (!registerFirst) {
    const launched = await context.factory.launchOf(modelId);
    if (launched.offering !== ZeroAddress)
      issues.push(`model.slug: "${config.model.slug}" has been launched already (${launched.offering})`);
  }

  const paymentToken = config.curve.payment === "ETH" ? ZeroAddress : getAddress(config.curve.payment);
  const payment: PaymentAsset = { address: paymentToken, symbol: "ETH", decimals: 18, isEth: true };
  if (paymentToken !== ZeroAddress) {
    const token = IPaymentToken__factory.connect(paymentToken, context.runner);
    try {
      const [decimals, symbol] = await Promise.all([token.decimals().then(Number), token.symbol()]);
      Object.assign(payment, { decimals, symbol, isEth: false });
    } catch {
      issues.push(`curve.payment: ${paymentToken} is not an ERC-20 token on this chain`);
    }
  }
  const units = (field: string, value: string, decimals: number): bigint => {
    try {
      return parseUnits(value, decimals);
    } catch {
      issues.push(`${field}: ${value} has more than ${decimals} decimals`);
      return 0n;
    }
  };

  const supply = units("token.supply", config.token.supply, TOKEN_DECIMALS);
  const tokensForCurve = units("curve.tokens", config.curve.tokens, TOKEN_DECIMALS);
  const reserveTokens = units("liquidity.reserve", config.liquidity.reserve, TOKEN_DECIMALS);
  const treasury = units("split.treasury", config.split.treasury, TOKEN_DECIMALS);
  const deadline = toUnix(config.curve.deadline, now);
  const team = config.split.team.map((member, i) => ({
    beneficiary: getAddress(member.beneficiary),
    amount: units(`split.team.${i}.amount`, member.amount, TOKEN_DECIMALS),
    start: BigInt(member.start === undefined ? deadline : toUnix(member.start, now)),
    cliff: BigInt(member.cliff),
    duration: BigInt(member.duration),
  }));
  team.forEach((member, i) => {
    if (member.amount === 0n) issues.push(`split.team.${i}.amount: must be more than 0`);
    if (member.cliff > member.duration) issues.push(`split.team.${i}.cliff: is longer than its duration`);
    if (member.start < BigInt(deadline)) {
      issues.push(
        `split.team.${i}.start: ${date(Number(member.start))} is before the curve's deadline (${date(deadline)}); vesting may start no earlier`,
      );
    }
  });
  const allocated = tokensForCurve + reserveTokens + treasury + team.reduce((sum, member) => sum + member.amount, 0n);
  if (allocated !== supply) {
    issues.push(
      `split: curve + pool reserve + treasury + team add up to ${formatAmount(allocated, TOKEN_DECIMALS)}, not the supply ${config.token.supply}`,
    );
  }
  if (tokensForCurve === 0n) issues.push("curve.tokens: must be more than 0");
  if (reserveTokens === 0n) issues.push("liquidity.reserve: must be more than 0: the curve holds tokens for its pool");

  const targetQuote = units("curve.target", config.curve.target, payment.decimals);
  let virtualQuote: bigint;
  if (config.curve.virtualReserve !== undefined) {
    virtualQuote = units("curve.virtualReserve", config.curve.virtualReserve, payment.decimals);
  } else {
    // The opening price is V / N per token unit: V follows from the price asked for, rounded down to a quote unit.
    const price = units("curve.openingPrice", config.curve.openingPrice!, payment.decimals);
    virtualQuote = (price * tokensForCurve) / ONE_TOKEN;
    if (price > 0n && virtualQuote === 0n) {
      issues.push(
        `curve.openingPrice: ${config.curve.openingPrice} ${payment.symbol} per token over ${config.curve.tokens} tokens is less than one unit of ${payment.symbol} in all; raise it`,
      );
    }
  }
  const field = config.curve.virtualReserve !== undefined ? "curve.virtualReserve" : "curve.openingPrice";
  if (virtualQuote === 0n) issues.push(`${field}: must be more than 0`);
  if (virtualQuote > MAX_QUOTE) issues.push(`${field}: the virtual reserve must fit 128 bits`);
  if (targetQuote === 0n) issues.push("curve.target: must be more than 0");
  if (targetQuote > MAX_QUOTE) issues.push("curve.target: must fit 128 bits");
  if (deadline <= now) issues.push(`curve.deadline: ${date(deadline)} is not in the future`);
  await checkDao(context, config.dao, issues);
  await checkLock(context, config.liquidity.lock, issues);
  const revenue = await planRevenue(context, config, paymentToken, payment.symbol, issues);
  if (issues.length > 0) throw new LaunchConfigError(issues);

  const feeBps = config.curve.fee;
  const openingFeeBps = config.curve.openingFee ?? feeBps;
  const openingBlocks = config.curve.openingBlocks;
  const feesToHolders = config.curve.feesTo === "holders";
  const lockDuration = config.liquidity.lock;
  const params: IModelLaunchFactory.CurveLaunchParamsStruct = {
    model: modelId,
    name: config.token.name,
    symbol: config.token.symbol,
    supply,
    treasuryAmount: treasury,
    liquidityAmount: reserveTokens,
    team,
    curve: {
      paymentToken,
      tokensForCurve,
      virtualQuote,
      targetQuote,
      feeBps,
      openingFeeBps,
      openingBlocks,
      feesToHolders,
      deadline: BigInt(deadline),
      lockDuration: BigInt(lockDuration),
    },
    dao: {
      votingDelay: BigInt(config.dao.votingDelay),
      votingPeriod: BigInt(config.dao.votingPeriod),
      proposalThreshold: units("dao.proposalThreshold", config.dao.proposalThreshold, TOKEN_DECIMALS),
      quorumPercent: BigInt(config.dao.quorumPercent),
    },
    timelockDelay: BigInt(config.dao.timelockDelay),
    revenue: {
      reserveBps: revenue.reserveBps,
      streamDuration: revenue.streamDuration,
      assets: revenue.assets.map((a) => a.address),
    },
  };

  const shape = { virtualQuote, tokensForCurve, targetQuote };
  const prices = curvePrices(shape);
  const left = onCurveAt(shape, targetQuote);
  // Graduation seeds the pool with the whole reserve at the final price (V + T) / S: the quote prices
  // floor(T·S / (V + T)) tokens, fewer than those left on the curve, so the rest and the pool's reserve go to the
  // treasury, as the pool step rounds them (PoolSeeding: tokens down, the quote they price up).
  const poolTokens = (targetQuote * left) / (virtualQuote + targetQuote);
  const poolQuote = (poolTokens * (virtualQuote + targetQuote) + left - 1n) / left;
  const curve: CurvePlan = {
    payment,
    tokensForCurve,
    reserveTokens,
    virtualQuote,
    targetQuote,
    openingPrice: prices.opening,
    finalPrice: prices.final,
    tokensSoldAtTarget: tokensForCurve - left,
    tokensLeftAtTarget: left,
    pool: {
      pair: await predictPair(context, params, paymentToken),
      tokens: poolTokens,
      quote: poolQuote,
      tokensToTreasury: left + reserveTokens - poolTokens,
      quoteToTreasury: targetQuote - poolQuote,
    },
    feeBps,
    openingFeeBps,
    openingBlocks,
    feeSchedule: Array.from({ length: openingBlocks + 1 }, (_, block) => ({
      block,
      feeBps: feeAtBlock({ feeBps, openingFeeBps, openingBlocks }, block),
    })),
    feesToHolders,
    deadline,
    lockDuration,
  };
  return { params, registerFirst, summary: curveSummary(config, curve, team.length, now, revenue), curve };
}

/**
 * The pool's address: the pair of the launch's token (predicted by the factory: a clone at the model's salt) and the
 * payment ERC-20 (WETH for ETH) on the curve implementation's Uniswap V2 factory. Zero before the model is registered.
 */
async function predictPair(
  context: ProtocolContext,
  params: IModelLaunchFactory.CurveLaunchParamsStruct,
  paymentToken: string,
): Promise<string> {
  if (BigInt(params.model) === 0n) return ZeroAddress;
  // The token's address depends on the model alone; the sale's terms given here only shape the offering's.
  const predicted = await context.factory.predictLaunch(
    {
      ...params,
      liquidityRecipient: ZeroAddress,
      pool: { proceedsBps: 0, lockDuration: 0 },
      sale: {
        paymentToken,
        tokensForSale: 0n,
        price: 0n,
        softCap: 0n,
        hardCap: 0n,
        walletCap: 0n,
        merkleRoot: ZeroHash,
        start: 0n,
        end: 0n,
      },
    },
    (await optionalSignerAddress(context)) ?? ZeroAddress,
  );
  const implementation = BondingCurve__factory.connect(await context.factory.curveImplementation(), context.runner);
  const market = await implementation.market();
  return pairAddress(
    market.factory,
    market.pairCodeHash,
    predicted.token,
    paymentToken === ZeroAddress ? market.weth : paymentToken,
  );
}

/** The plan in words. */
function curveSummary(
  config: CurveLaunchConfig,
  curve: CurvePlan,
  teamCount: number,
  now: number,
  revenue: Parameters<typeof revenueSummary>[0],
): string[] {
  const symbol = config.token.symbol;
  const pay = (amount: bigint) => `${formatAmount(amount, curve.payment.decimals)} ${curve.payment.symbol}`;
  const tokens = (amount: bigint) => `${formatAmount(amount, TOKEN_DECIMALS)} ${symbol}`;
  const per = (price: bigint) => `${pay(price)} per ${symbol}`;
  const pct = (bps: number) => `${bps / 100}%`;
  const quoteName = curve.payment.isEth ? "WETH (ETH)" : curve.payment.symbol;
  const schedule = curve.feeSchedule.map((step) => `${pct(step.feeBps)} at +${step.block}`).join(", ");
  const opening =
    curve.openingFeeBps > curve.feeBps
      ? `An opening fee of ${pct(curve.openingFeeBps)} in the launch block falls linearly to ${pct(curve.feeBps)} over ${curve.openingBlocks} block(s) (${schedule}): a buyer who snipes the launch pays it on every token, however many wallets it uses.`
      : `No opening fee: a buyer in the launch block pays the trading fee of ${pct(curve.feeBps)} (set curve.openingFee and curve.openingBlocks to discourage sniping).`;
  const ratio = curve.openingPrice > 0n ? Number((curve.finalPrice * 100n) / curve.openingPrice) / 100 : 0;
  const register = config.model.register;
  return [
    register
      ? `Register the model "${config.model.slug}" (${register.license})${register.weights ? ` and publish ${register.weights} as ${register.tag ?? "v1.0.0"}` : ""}.`
      : `Launch the registered model "${config.model.slug}" on a bonding curve.`,
    `Create ${config.token.name} (${symbol}), ${config.token.supply} tokens: ${tokens(curve.tokensForCurve)} on the curve, ${tokens(curve.reserveTokens)} held by the curve for its pool, ${config.split.treasury} to the DAO treasury, ${teamCount} vested team allocation(s).`,
    `Sell ${tokens(curve.tokensForCurve)} along the curve (V + R) · S = V · N, paid in ${curve.payment.symbol}, from an opening price of ${per(curve.openingPrice)} (a virtual reserve of ${pay(curve.virtualQuote)}) until the reserve reaches the target of ${pay(curve.targetQuote)}: by then ${tokens(curve.tokensSoldAtTarget)} are sold and the price is ${per(curve.finalPrice)} (${ratio} times the opening price). A buy past the target is filled to it and the rest refunded. Buyers may sell back what they bought from the curve, at the curve's price.`,
    `Charge a fee of ${pct(curve.feeBps)} on each trade's ${curve.payment.symbol} side, ${curve.feesToHolders ? "deposited into the token as revenue for its holders" : "paid to the DAO treasury"} when anyone collects it. ${opening}`,
    `When the target is reached, trading stops and anyone may graduate the curve into a Uniswap V2 pool of ${symbol} and ${quoteName} at the final price of ${per(curve.finalPrice)}: ${pay(curve.pool.quote)} and ${tokens(curve.pool.tokens)} enter it; ${tokens(curve.pool.tokensToTreasury)} (the rest of those on the curve and the pool's reserve)${curve.pool.quoteToTreasury ? ` and ${pay(curve.pool.quoteToTreasury)}` : ""} go to the DAO treasury. If the pool cannot be opened, the reserve and the tokens go to the treasury.`,
    `Lock the pool shares in the liquidity lock for the DAO treasury for ${formatDuration(curve.lockDuration)} from graduation (graduating now would lock them until ${date(now + curve.lockDuration)}).`,
    `Stop buying at ${date(curve.deadline)} if the target has not been reached: from then every buyer can sell back what it bought, without fee, for good, and anyone may send the curve's tokens to the DAO treasury (reclaim).`,
    `Exclude the pool's address (${curve.pool.pair === ZeroAddress ? "known once the model is registered" : curve.pool.pair}) from revenue from launch, before the pair exists, so that the tokens in the pool never earn revenue nobody could claim.`,
    `Create the model DAO: voting delay ${config.dao.votingDelay} s, period ${config.dao.votingPeriod} s, quorum ${config.dao.quorumPercent}%, timelock ${config.dao.timelockDelay} s; the timelock becomes the model's owner and treasury, and the team keeps the right to publish versions. No proposal can be made before the curve's deadline.`,
    revenueSummary(revenue),
  ];
}
