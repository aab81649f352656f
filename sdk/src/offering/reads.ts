import { toUnits } from "../amounts.js";
import { readCurveSummary } from "../curve/reads.js";
import type { CurveSummary } from "../curve/types.js";
import { ModelToken__factory } from "../contracts.js";
import { launchScanStart } from "../context.js";
import { readLaunches } from "../launches.js";
import { accountOrSigner } from "../module.js";
import type { ModelRef } from "../registry/types.js";
import { assetCache, io, launchedWallets, readAsset, readPosition, readSale, readVesting, saleOf } from "./internal.js";
import { readOfferingPool } from "./pool.js";
import { statusName } from "./status.js";
import type {
  EventScanOptions,
  OfferingContext,
  OfferingStatus,
  OfferingSummary,
  OfferingView,
  PositionView,
  QuoteView,
} from "./types.js";

// Reading sales: every launched model's, one in full, an account's position in one, and a quote for a deposit.

/**
 * Every launched model's sale, in launch order: the model's slug, its token, what the sale is paid in,
 * where it stands, what it has raised and its terms. All reads go out together (one JSON-RPC batch per
 * round over HTTP).
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * for (const o of await client.offering.listOfferings()) {
 *   console.log(o.slug, o.status, `${formatAmount(o.raised, o.payment.decimals)} ${o.payment.symbol}`);
 * }
 */
export async function listOfferings(context: OfferingContext): Promise<OfferingSummary[]> {
  // A model launched on a bonding curve has no sale: `listLaunches` lists both kinds.
  const launches = (await readLaunches(context)).filter((launch) => launch.kind === "offering");
  const assets = assetCache(context);
  return Promise.all(launches.map(async (launch) => (await readSale(context, launch, assets)).summary));
}

/** A launch in {@link listLaunches}: a sale's summary, or a bonding curve's. */
export type LaunchSummary = ({ kind: "offering" } & OfferingSummary) | ({ kind: "curve" } & CurveSummary);

/**
 * Every launched model, in launch order, whichever way it launched: a sale ({@link OfferingSummary}: raised against
 * its caps) or a bonding curve ({@link CurveSummary}: its reserve against the target). All reads go out together.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * for (const l of await client.offering.listLaunches()) {
 *   console.log(l.slug, l.kind, l.kind === "curve" ? `${l.progressBps / 100}% of the target` : l.status);
 * }
 */
export async function listLaunches(context: OfferingContext): Promise<LaunchSummary[]> {
  const launches = await readLaunches(context);
  const assets = assetCache(context);
  return Promise.all(
    launches.map(
      async (launch): Promise<LaunchSummary> =>
        launch.kind === "curve"
          ? { kind: "curve", ...(await readCurveSummary(context, launch)) }
          : { kind: "offering", ...(await readSale(context, launch, assets)).summary },
    ),
  );
}

/**
 * One launched model's sale in full: its contracts (token, sale, DAO governor and timelock, the team's
 * vesting wallets), its terms, running totals and the protocol fee, and its pool when it opens one (the terms, the
 * pool's address, and once final whether it opened and its lock). Give the model by slug or id.
 *
 * The vesting wallets are read from the factory's `ModelLaunched` event, the pool's opening from the sale's: pass the factory's deployment block
 * as `fromBlock` on chains whose RPC limits log ranges.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const sale = await client.offering.getOffering("face-landmark-68", {
 *   fromBlock: client.deployment.contracts.ModelLaunchFactory.blockNumber,
 * });
 * console.log(sale.status, sale.totals.deposits, sale.vestingWallets.length);
 */
export async function getOffering(
  context: OfferingContext,
  model: ModelRef,
  options: EventScanOptions = {},
): Promise<OfferingView> {
  const { launch, offering } = await saleOf(context, model);
  const [sale, config, wallets] = await Promise.all([
    readSale(context, launch, assetCache(context)),
    io.read(() => offering.config()),
    launchedWallets(context, launchScanStart(context, options.fromBlock), launch.model).then(
      (found) => found.get(launch.model) ?? [],
    ),
  ]);
  const [vestingWallets, pool] = await Promise.all([
    Promise.all(wallets.map((wallet) => readVesting(context, wallet, launch.token))),
    readOfferingPool(offering, config, launchScanStart(context, options.fromBlock)),
  ]);
  return {
    ...sale.summary,
    governor: launch.governor,
    timelock: launch.timelock,
    treasury: config.treasury,
    admin: config.admin,
    params: sale.params,
    totals: sale.totals,
    fee: { recipient: config.fee.recipient, bps: Number(config.fee.bps) },
    vestingWallets,
    ...(pool ? { pool } : {}),
  };
}

/** Parameters of {@link getPosition}. */
export interface GetPositionParameters {
  model: ModelRef;
  /** Whose deposit; the signer by default. */
  account?: string;
}

/**
 * An account's deposit in a sale not yet settled, and the tokens and refund due to it if the sale closed now
 * (what it gets once the sale is final). All zero once it has settled.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { deposited, tokens, refund } = await client.offering.getPosition({ model: "face-landmark-68" });
 */
export async function getPosition(context: OfferingContext, params: GetPositionParameters): Promise<PositionView> {
  const { offering } = await saleOf(context, params.model);
  const account = await accountOrSigner(context, params.account, "Reading your position");
  return readPosition(offering, account);
}

/** Parameters of {@link quote}. */
export interface QuoteParameters {
  model: ModelRef;
  /** A bigint in the payment asset's smallest units, or a string in whole units ("1.5"). */
  amount: bigint | string;
}

/**
 * What a new deposit would get if the sale closed now with it: tokens, refund, and the outcome it would
 * leave the sale in. Above the hard cap every deposit is filled pro rata, so a quote can only grow worse as
 * others deposit.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const q = await client.offering.quote({ model: "face-landmark-68", amount: "1.5" });
 * console.log(q.tokens, q.refund, q.outcome); // ... "Oversubscribed"
 */
export async function quote(context: OfferingContext, params: QuoteParameters): Promise<QuoteView> {
  const { launch, offering } = await saleOf(context, params.model);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [sale, status, totals, tokenSymbol] = await io.read(() =>
    Promise.all([offering.params(), offering.status(), offering.totals(), token.symbol()]),
  );
  const payment = await readAsset(context, sale.paymentToken);
  const amount = toUnits(params.amount, payment, { allowZero: true });
  const [tokens, refund] = await io.read(() => offering.quote(amount));
  const raised = totals.deposits + amount;
  const current = statusName(status);
  let outcome: OfferingStatus = "Oversubscribed";
  if (current === "Cancelled") outcome = "Cancelled";
  else if (raised < sale.softCap) outcome = "Failed";
  else if (raised <= sale.hardCap) outcome = "Succeeded";
  return { amount, payment, tokens, tokenSymbol, refund, accepted: amount - refund, raised, outcome, status: current };
}
