import path from "node:path";

import { getAddress, getCreate2Address, parseUnits, solidityPackedKeccak256, ZeroAddress, ZeroHash } from "ethers";

import { formatAmount } from "../amounts.js";
import type { ProtocolContext } from "../context.js";
import {
  IPaymentToken__factory,
  LiquidityLock__factory,
  ModelOffering__factory,
  type IModelLaunchFactory,
} from "../contracts.js";
import { DAY, formatDuration, toUnix } from "../durations.js";
import { optionalSignerAddress } from "../module.js";
import { buildAllowlist, loadAllowlist, type Allowlist } from "./allowlist.js";
import {
  LaunchConfigError,
  MAX_REVENUE_ASSETS,
  PAYMENT_TOKEN,
  toBasisPoints,
  type LaunchConfig,
  type OfferingLaunchConfig,
} from "./config.js";
import { AllowlistError } from "./errors.js";

// A launch planned before anything is sent: the configuration checked against the chain (the model, the payment
// token, the factory's minimums) and the rules between its fields, turned into the factory's parameters and
// described in words for people to read first.

const TOKEN_DECIMALS = 18;
/** One whole model token in its smallest units: a price is in payment units per whole token. */
const ONE_TOKEN = 10n ** 18n;
const BPS = 10_000n;
/** The liquidity lock's bounds, for a deployment file that does not record the lock: 180 days and 20 years. */
const LIQUIDITY_MIN_LOCK = 180 * DAY;
const LIQUIDITY_MAX_LOCK = 20 * 365 * DAY;

/** A launch ready to send: the factory's parameters and the plan in words. */
export interface LaunchPlan {
  params: IModelLaunchFactory.LaunchParamsStruct;
  /** Whether the model must be registered (and its weights published) first. */
  registerFirst: boolean;
  /** The sale's allowlist, when it has one (keep it: buyers need their proofs; `saveAllowlist` writes it). */
  allowlist?: Allowlist;
  /** Lines describing what the launch will do, for people to read before it happens. */
  summary: string[];
  /** The pool the sale opens when it succeeds, when the configuration has a `liquidity` section. */
  pool?: PoolPlan;
}

/**
 * The pool a launch's sale opens when it succeeds, as planned: the reserve and the share of the proceeds paired with
 * it at the sale's price, and what the share uses at each cap. Amounts are in the smallest units (model tokens: 18
 * decimals; quote: the payment asset's).
 */
export interface PoolPlan {
  /** Model tokens the sale holds for the pool. */
  reserve: bigint;
  /** The share of the proceeds (after the protocol fee) paired with them, in basis points. */
  proceedsBps: number;
  /** Seconds the pool shares stay locked for the treasury from the finalisation. */
  lockDuration: number;
  /** The protocol fee on the proceeds, in basis points, as the factory charges it now. */
  feeBps: number;
  /** The pool's address (its Uniswap V2 pair, predicted before the token exists), excluded from revenue from launch. */
  pair: string;
  /** The pool's opening price: the sale's, in payment units per whole token. */
  price: bigint;
  /** What enters the pool if the sale raises its hard cap, and if it raises only its soft cap. */
  atHardCap: PoolFill;
  atSoftCap: PoolFill;
}

/** What enters a pool for one amount raised: quote and tokens at the sale's price, and what is left of each. */
export interface PoolFill {
  /** The share of the proceeds set aside for the pool. */
  quote: bigint;
  /** Model tokens that share prices at the sale's price (before the reserve bounds it). */
  tokensPriced: bigint;
  /** Model tokens and quote that enter the pool. */
  tokensUsed: bigint;
  quoteUsed: bigint;
  /** The reserve left over (to the treasury), and the quote left over (to the treasury). */
  tokensLeft: bigint;
  quoteLeft: bigint;
}

/** Parameters of {@link planLaunch}. */
export interface PlanLaunchParameters {
  config: LaunchConfig;
  /** Folder that relative paths in the config are taken from. */
  baseDir?: string;
  /** "Now", in unix seconds, for offsets such as "+1h"; the chain's latest block time by default. */
  now?: number;
}

/**
 * Turns a checked configuration into the factory's launch parameters, checking what depends on the chain
 * (the model, the payment token's decimals) and the rules between fields (the split adds up to the supply,
 * the caps and the window are consistent), and describes the launch in words.
 *
 * @example
 * import { createClient, readDeployment, readLaunchConfig } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { config, baseDir } = await readLaunchConfig("launch.json");
 * const plan = await client.offering.planLaunch({ config, baseDir });
 * console.log(plan.summary.join("\n"));
 */
export async function planLaunch(context: ProtocolContext, parameters: PlanLaunchParameters): Promise<LaunchPlan> {
  const config = parameters.config;
  if (config.type === "curve") {
    throw new LaunchConfigError([
      'type: "curve" is a bonding-curve launch: plan it with planCurveLaunch and launch it with launchCurve (imo launch does both)',
    ]);
  }
  const baseDir = parameters.baseDir ?? process.cwd();
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

  const payment = config.sale.payment === "ETH" ? ZeroAddress : getAddress(config.sale.payment);
  let paymentDecimals = 18;
  let paymentSymbol = "ETH";
  if (payment !== ZeroAddress) {
    const token = IPaymentToken__factory.connect(payment, context.runner);
    try {
      [paymentDecimals, paymentSymbol] = await Promise.all([token.decimals().then(Number), token.symbol()]);
    } catch {
      issues.push(`sale.payment: ${payment} is not an ERC-20 token on this chain`);
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
  const sale = units("split.sale", config.split.sale, TOKEN_DECIMALS);
  const treasury = units("split.treasury", config.split.treasury, TOKEN_DECIMALS);
  const splitLiquidity = units("split.liquidity", config.split.liquidity, TOKEN_DECIMALS);
  const reserve = config.liquidity ? units("liquidity.reserve", config.liquidity.reserve, TOKEN_DECIMALS) : 0n;
  if (config.liquidity) {
    if (config.split.liquidityRecipient) {
      issues.push(
        "split.liquidityRecipient: a launch with a pool (liquidity) keeps its reserve in the sale for the pool, so it cannot also send it to a recipient; remove one of them",
      );
    }
    if (splitLiquidity !== 0n) {
      issues.push(
        "split.liquidity: with a pool the reserve is liquidity.reserve; give it there only (split.liquidity is for a reserve sent to a recipient)",
      );
    }
    if (reserve === 0n) issues.push("liquidity.reserve: must be more than 0: the pool needs model tokens to open with");
  }
  const liquidity = config.liquidity ? reserve : splitLiquidity;
  const saleStart = toUnix(config.sale.start, now);
  const saleEnd = toUnix(config.sale.end, now);
  const team = config.split.team.map((member, i) => ({
    beneficiary: getAddress(member.beneficiary),
    amount: units(`split.team.${i}.amount`, member.amount, TOKEN_DECIMALS),
    start: BigInt(member.start === undefined ? saleEnd : toUnix(member.start, now)),
    cliff: BigInt(member.cliff),
    duration: BigInt(member.duration),
  }));
  team.forEach((member, i) => {
    if (member.amount === 0n) issues.push(`split.team.${i}.amount: must be more than 0`);
    if (member.cliff > member.duration) issues.push(`split.team.${i}.cliff: is longer than its duration`);
    if (member.start < BigInt(saleEnd)) {
      issues.push(
        `split.team.${i}.start: ${date(Number(member.start))} is before the sale's end (${date(saleEnd)}); vesting may start no earlier`,
      );
    }
  });
  const allocated = sale + treasury + liquidity + team.reduce((sum, member) => sum + member.amount, 0n);
  if (allocated !== supply) {
    issues.push(
      `split: sale + treasury + liquidity + team add up to ${formatAmount(allocated, TOKEN_DECIMALS)}, not the supply ${config.token.supply}`,
    );
  }
  if (sale === 0n) issues.push("split.sale: must be more than 0");

  const price = units("sale.price", config.sale.price, paymentDecimals);
  const softCap = units("sale.softCap", config.sale.softCap, paymentDecimals);
  const hardCap = units("sale.hardCap", config.sale.hardCap, paymentDecimals);
  const walletCap =
    config.sale.walletCap === undefined ? 0n : units("sale.walletCap", config.sale.walletCap, paymentDecimals);
  if (price === 0n) issues.push("sale.price: must be more than 0");
  if (softCap === 0n) issues.push("sale.softCap: must be more than 0");
  if (softCap > hardCap) issues.push("sale.hardCap: must be at least sale.softCap");
  const maxRaise = (sale * price) / 10n ** 18n;
  if (hardCap > maxRaise) {
    issues.push(
      `sale.hardCap: ${config.sale.hardCap} ${paymentSymbol} would buy more than the ${config.split.sale} tokens for sale at the price (at most ${formatAmount(maxRaise, paymentDecimals)})`,
    );
  }
  if (saleStart < now) issues.push(`sale.start: ${new Date(saleStart * 1000).toISOString()} is in the past`);
  if (saleEnd <= saleStart) issues.push("sale.end: must be after sale.start");

  let allowlist: Allowlist | undefined;
  if (config.sale.allowlist !== undefined) {
    try {
      allowlist = Array.isArray(config.sale.allowlist)
        ? buildAllowlist(config.sale.allowlist)
        : await loadAllowlist(path.resolve(baseDir, config.sale.allowlist));
    } catch (error) {
      if (!(error instanceof AllowlistError)) throw error;
      issues.push(`sale.allowlist: ${error.shortMessage}`);
    }
  }
  await checkDao(context, config.dao, issues);
  const revenue = await planRevenue(context, config, payment, paymentSymbol, issues);
  const pool = config.liquidity
    ? await planPool(context, config.liquidity, { reserve, price, softCap, hardCap }, issues)
    : undefined;
  if (issues.length > 0) throw new LaunchConfigError(issues);

  const liquidityRecipient = config.split.liquidityRecipient
    ? getAddress(config.split.liquidityRecipient)
    : ZeroAddress;
  const params: IModelLaunchFactory.LaunchParamsStruct = {
    model: modelId,
    name: config.token.name,
    symbol: config.token.symbol,
    supply,
    treasuryAmount: treasury,
    liquidityAmount: liquidity,
    liquidityRecipient,
    pool: pool
      ? { proceedsBps: pool.proceedsBps, lockDuration: pool.lockDuration }
      : { proceedsBps: 0, lockDuration: 0 },
    team,
    sale: {
      paymentToken: payment,
      tokensForSale: sale,
      price,
      softCap,
      hardCap,
      walletCap,
      merkleRoot: allowlist ? allowlist.root : ZeroHash,
      start: BigInt(saleStart),
      end: BigInt(saleEnd),
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
  if (liquidityRecipient !== ZeroAddress) {
    const refused = await liquidityRecipientProblem(context, params, liquidityRecipient);
    if (refused)
      throw new LaunchConfigError([
        `split.liquidityRecipient: ${liquidityRecipient} is ${refused}, which could never move the reserve`,
      ]);
  }
  const summary = [
    registerFirst
      ? `Register the model "${config.model.slug}" (${config.model.register!.license})${config.model.register!.weights ? ` and publish ${config.model.register!.weights} as ${config.model.register!.tag ?? "v1.0.0"}` : ""}.`
      : `Launch the registered model "${config.model.slug}" (#${modelId}).`,
    `Create ${config.token.name} (${config.token.symbol}), ${config.token.supply} tokens: ${config.split.sale} for sale, ${config.split.treasury} to the DAO treasury, ${formatAmount(liquidity, TOKEN_DECIMALS)} liquidity reserve${pool ? " (held by the sale for its pool)" : ""}, ${team.length} vested team allocation(s).`,
    `Sell at ${config.sale.price} ${paymentSymbol} per token from ${date(saleStart)} to ${date(saleEnd)}; soft cap ${config.sale.softCap}, hard cap ${config.sale.hardCap} ${paymentSymbol}${walletCap ? `, at most ${config.sale.walletCap} per wallet` : ""}${allowlist ? `, allowlist of ${allowlist.accounts.length} address(es)` : ", open to everyone"}.`,
    `Create the model DAO: voting delay ${config.dao.votingDelay} s, period ${config.dao.votingPeriod} s, quorum ${config.dao.quorumPercent}%, timelock ${config.dao.timelockDelay} s; the timelock becomes the model's owner and treasury, and the team keeps the right to publish versions. No proposal can be made before the sale ends.`,
    revenueSummary(revenue),
  ];
  if (pool) {
    const predicted = await context.factory.predictLaunch(
      params,
      (await optionalSignerAddress(context)) ?? ZeroAddress,
    );
    const implementation = ModelOffering__factory.connect(
      await context.factory.offeringImplementation(),
      context.runner,
    );
    const market = await implementation.market();
    pool.pair = pairAddress(
      market.factory,
      market.pairCodeHash,
      predicted.token,
      payment === ZeroAddress ? market.weth : payment,
    );
    summary.push(
      ...poolSummary(pool, {
        symbol: config.token.symbol,
        paymentSymbol,
        paymentDecimals,
        price: config.sale.price,
        saleEnd,
      }),
    );
  }
  return { params, registerFirst, allowlist, summary, pool };
}

/** Revenue settings as the factory takes them, with the assets' symbols for the plan. */
export interface RevenuePlan {
  reserveBps: number;
  streamDuration: number;
  assets: { address: string; symbol: string }[];
}

/** Checks the `revenue` section against the sale and the chain: each asset an ERC-20, listed once. */
export async function planRevenue(
  context: ProtocolContext,
  config: LaunchConfig,
  payment: string,
  paymentSymbol: string,
  issues: string[],
): Promise<RevenuePlan> {
  const { reserve, streamDuration } = config.revenue;
  const assets: { address: string; symbol: string }[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of config.revenue.assets.entries()) {
    const field = `revenue.assets.${i}`;
    let asset: { address: string; symbol: string };
    if (entry === PAYMENT_TOKEN) {
      if (payment === ZeroAddress) {
        issues.push(
          `${field}: "${PAYMENT_TOKEN}" names the sale's ERC-20, but the sale is paid in ETH, which is always a revenue asset`,
        );
        continue;
      }
      asset = { address: payment, symbol: paymentSymbol };
    } else {
      const address = getAddress(entry);
      try {
        const token = IPaymentToken__factory.connect(address, context.runner);
        const [, symbol] = await Promise.all([token.decimals(), token.symbol()]);
        asset = { address, symbol };
      } catch {
        issues.push(`${field}: ${address} is not an ERC-20 token on this chain`);
        continue;
      }
    }
    if (seen.has(asset.address)) {
      issues.push(`${field}: ${asset.address} is listed twice`);
      continue;
    }
    seen.add(asset.address);
    assets.push(asset);
  }
  return { reserveBps: toBasisPoints(reserve), streamDuration, assets };
}

export function revenueSummary(revenue: RevenuePlan): string {
  const assets = revenue.assets.length
    ? `ETH and ${revenue.assets.map((a) => `${a.symbol} (${a.address})`).join(", ")}`
    : `ETH only (the DAO can accept up to ${MAX_REVENUE_ASSETS} ERC-20s later)`;
  const released = revenue.streamDuration
    ? `each deposit released over ${formatDuration(revenue.streamDuration)}`
    : 'each deposit released at once: a deposit seen in the mempool can be sandwiched by tokens bought just before it and sold just after (set revenue.streamDuration, e.g. "1d")';
  const reserve = revenue.reserveBps
    ? `${revenue.reserveBps / 100}% of every deposit set aside for holders who burn tokens (burn-to-redeem, fixed for good)`
    : "no burn-to-redeem reserve";
  return `Share revenue with the token's holders: ${assets}, ${released}; ${reserve}.`;
}

/**
 * What `recipient` is, when it is a contract of the launch or of the protocol that could never move a liquidity
 * reserve (the factory refuses them too); undefined when it is none of them.
 */
async function liquidityRecipientProblem(
  context: ProtocolContext,
  params: IModelLaunchFactory.LaunchParamsStruct,
  recipient: string,
): Promise<string | undefined> {
  // The team's address only changes the sale's; a reader without a signer still checks the others.
  const team = (await optionalSignerAddress(context)) ?? ZeroAddress;
  const predicted = await context.factory.predictLaunch(params, team);
  const named: [string, string][] = [
    [predicted.token, "the launch's own token"],
    [predicted.offering, "the launch's own sale"],
    [predicted.governor, "the launch's own governor"],
    [await context.factory.getAddress(), "the launch factory"],
    [await context.registry.getAddress(), "the model registry"],
  ];
  return named.find(([address]) => getAddress(address) === recipient)?.[1];
}

/**
 * Checks the `liquidity` section against the liquidity lock's bounds and works out what the pool takes at each cap.
 * The pool opens at the sale's price: the share of the proceeds buys `quote / price` tokens of the reserve; when
 * the reserve is smaller, the pool takes all of it and the quote it prices, and the rest of the share goes to the
 * treasury with the rest of the proceeds.
 */
async function planPool(
  context: ProtocolContext,
  liquidity: NonNullable<OfferingLaunchConfig["liquidity"]>,
  sale: { reserve: bigint; price: bigint; softCap: bigint; hardCap: bigint },
  issues: string[],
): Promise<PoolPlan> {
  const lockDuration = liquidity.lock;
  await checkLock(context, lockDuration, issues);
  const feeBps = Number(await context.factory.feeBps());
  const fill = (raised: bigint): PoolFill =>
    poolFill(raised, feeBps, liquidity.proceedsShare, sale.price, sale.reserve);
  return {
    reserve: sale.reserve,
    // Known once the launch's addresses are predicted, after every check has passed.
    pair: ZeroAddress,
    proceedsBps: liquidity.proceedsShare,
    lockDuration,
    feeBps,
    price: sale.price,
    atHardCap: fill(sale.hardCap),
    atSoftCap: fill(sale.softCap),
  };
}

/** Checks the DAO's settings against the factory's minimums. */
export async function checkDao(context: ProtocolContext, dao: LaunchConfig["dao"], issues: string[]): Promise<void> {
  const [minVotingDelay, minVotingPeriod, minTimelockDelay] = (
    await Promise.all([
      context.factory.MIN_VOTING_DELAY(),
      context.factory.MIN_VOTING_PERIOD(),
      context.factory.MIN_TIMELOCK_DELAY(),
    ])
  ).map(Number);
  const atLeast = (field: string, seconds: number, min: number, why: string) => {
    if (seconds < min)
      issues.push(
        `${field}: ${formatDuration(seconds)} is shorter than the ${formatDuration(min)} a launch must give ${why}`,
      );
  };
  atLeast(
    "dao.votingDelay",
    dao.votingDelay,
    minVotingDelay,
    "buyers to settle and delegate before a proposal's votes are counted",
  );
  atLeast("dao.votingPeriod", dao.votingPeriod, minVotingPeriod, "holders to vote");
  atLeast("dao.timelockDelay", dao.timelockDelay, minTimelockDelay, "holders between a decision and its execution");
}

/** Checks a pool lock's duration against the liquidity lock's bounds (read from the lock the deployment records). */
export async function checkLock(context: ProtocolContext, lockDuration: number, issues: string[]): Promise<void> {
  const lockAddress = context.deployment?.contracts.LiquidityLock?.address;
  let minLock = Number(LIQUIDITY_MIN_LOCK);
  let maxLock = Number(LIQUIDITY_MAX_LOCK);
  if (lockAddress) {
    const lock = LiquidityLock__factory.connect(lockAddress, context.runner);
    [minLock, maxLock] = (await Promise.all([lock.MIN_LOCK(), lock.MAX_LOCK()])).map(Number);
  }
  if (lockDuration < minLock || lockDuration > maxLock) {
    issues.push(
      `liquidity.lock: ${formatDuration(lockDuration)} is outside what the liquidity lock accepts: ${formatDuration(minLock)} to ${formatDuration(maxLock)}`,
    );
  }
}

/** The Uniswap V2 pair of `tokenA` and `tokenB` on `factory`, where CREATE2 places it (whether it exists or not). */
export function pairAddress(factory: string, pairCodeHash: string, tokenA: string, tokenB: string): string {
  const [token0, token1] = BigInt(tokenA) < BigInt(tokenB) ? [tokenA, tokenB] : [tokenB, tokenA];
  return getCreate2Address(factory, solidityPackedKeccak256(["address", "address"], [token0, token1]), pairCodeHash);
}

/** What a pool takes when the sale keeps `raised`, as the sale's finalisation computes it (rounding down). */
export function poolFill(
  raised: bigint,
  feeBps: number,
  proceedsBps: number,
  price: bigint,
  reserve: bigint,
): PoolFill {
  const proceeds = raised - (raised * BigInt(feeBps)) / BPS;
  const quote = (proceeds * BigInt(proceedsBps)) / BPS;
  const tokensPriced = price === 0n ? 0n : (quote * ONE_TOKEN) / price;
  const tokensUsed = tokensPriced < reserve ? tokensPriced : reserve;
  const quoteUsed = tokensPriced <= reserve ? quote : (reserve * price) / ONE_TOKEN;
  return { quote, tokensPriced, tokensUsed, quoteUsed, tokensLeft: reserve - tokensUsed, quoteLeft: quote - quoteUsed };
}

/** The plan's lines on the pool. */
function poolSummary(
  pool: PoolPlan,
  sale: {
    symbol: string;
    paymentSymbol: string;
    paymentDecimals: number;
    price: string;
    saleEnd: number;
  },
): string[] {
  const pay = (amount: bigint) => `${formatAmount(amount, sale.paymentDecimals)} ${sale.paymentSymbol}`;
  const tokens = (amount: bigint) => `${formatAmount(amount, TOKEN_DECIMALS)} ${sale.symbol}`;
  const fee = pool.feeBps ? ` after the ${pool.feeBps / 100}% protocol fee` : "";
  const at = (name: string, fill: PoolFill) =>
    `at the ${name} the share is ${pay(fill.quote)}, which prices ${tokens(fill.tokensPriced)}: ${tokens(fill.tokensUsed)} and ${pay(fill.quoteUsed)} enter the pool${
      fill.tokensLeft || fill.quoteLeft
        ? `, ${[fill.tokensLeft ? tokens(fill.tokensLeft) : "", fill.quoteLeft ? pay(fill.quoteLeft) : ""].filter(Boolean).join(" and ")} left over go to the DAO treasury`
        : ""
    }`;
  return [
    `Open a Uniswap V2 pool of ${sale.symbol} and ${sale.paymentSymbol === "ETH" ? "WETH (ETH)" : sale.paymentSymbol} when the sale succeeds, at the sale's price of ${sale.price} ${sale.paymentSymbol} per ${sale.symbol}: the sale holds a reserve of ${tokens(pool.reserve)} and pairs it with ${pool.proceedsBps / 100}% of the proceeds${fee}; ${at("hard cap", pool.atHardCap)}; ${at("soft cap", pool.atSoftCap)}. If the sale fails, the reserve goes to the DAO treasury; if the pool cannot be opened, the reserve and the share do.`,
    `Lock the pool shares in the liquidity lock for the DAO treasury for ${formatDuration(pool.lockDuration)} from the finalisation: at the earliest until ${date(sale.saleEnd + pool.lockDuration)} (${formatDuration(pool.lockDuration)} after the sale's end).`,
    `Exclude the pool's address (${pool.pair}) from revenue from launch, before the pair exists, so that the tokens in the pool never earn revenue nobody could claim.`,
  ];
}

/** A unix time as an ISO date without milliseconds. */
export function date(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}
