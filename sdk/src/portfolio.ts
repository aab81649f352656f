import { getAddress, ZeroAddress } from "ethers";

import {
  BondingCurve__factory,
  ModelOffering__factory,
  ModelToken__factory,
  ModelVestingWallet__factory,
} from "./contracts.js";
import { launchScanStart, type ProtocolContext } from "./context.js";
import { curveStatusName, io as curveIo } from "./curve/internal.js";
import type { CurveStatus } from "./curve/types.js";
import { readLaunches, type LaunchKind } from "./launches.js";
import { address } from "./module.js";
import { assetCache, io, launchedWallets, readPosition, readVesting, settlementsOf } from "./offering/internal.js";
import { statusName } from "./offering/status.js";
import type {
  AssetAmount,
  EventScanOptions,
  OfferingStatus,
  PaymentAsset,
  PositionView,
  SettlementView,
  VestingWalletView,
} from "./offering/types.js";
import { claimableOf, revenueAssetReader } from "./revenue/assets.js";
import type { RevenueAmount } from "./revenue/types.js";

// An account's stake in every launched model, read across the modules: the model tokens it holds and votes
// with, its deposits in sales, its vesting wallets, and the revenue it can claim.

/** One launched model in an account's portfolio. Token amounts are of the model token (18 decimals). */
export interface PortfolioEntry {
  model: bigint;
  slug: string;
  token: string;
  tokenSymbol: string;
  /** How the model launched: through a sale (`offering` is the sale) or on a bonding curve (`offering` is the curve). */
  kind: LaunchKind;
  offering: string;
  status: OfferingStatus | CurveStatus;
  payment: PaymentAsset;
  /** Model tokens held. */
  balance: bigint;
  /** Votes the account can cast now (its own and delegated to it). */
  votes: bigint;
  /** Who votes with the account's tokens, or undefined when nobody has been delegated to. */
  delegate?: string;
  /** The account's deposit in the sale waiting to be settled, and what it is due (nothing for a curve: it pays at once). */
  position: PositionView;
  /** Whether a deposit is waiting to be settled. */
  pendingSettlement: boolean;
  /** What the account's deposit was settled with, once it has been (from the sale's `Settled` event). */
  settled?: SettlementView;
  /** Vesting wallets whose beneficiary the account is. */
  vesting: VestingWalletView[];
  /** Held + due from the sale + still in vesting wallets. */
  totalTokens: bigint;
  /** Revenue the account can claim from the model token now, per revenue asset (ETH first, zeros included). */
  revenue: RevenueAmount[];
}

/** An account's stake in every launched model: {@link getPortfolio}. */
export interface Portfolio {
  account: string;
  /** The models the account holds, votes in, deposited in or vests in, in launch order. */
  entries: PortfolioEntry[];
  totals: {
    /** Models with a stake. */
    models: number;
    /** Deposits waiting to be settled. */
    pendingSettlements: number;
    /** Refunds due from sales not yet settled, per payment asset. */
    refundsDue: AssetAmount[];
    /** Vesting wallets the account is the beneficiary of. */
    vestingWallets: number;
    /** Revenue the account can claim, per asset, over every model (ETH from all models together). */
    claimableRevenue: RevenueAmount[];
  };
}

/**
 * An account's stake in every launched model: tokens held, votes and delegate, a deposit waiting to be
 * settled (tokens and refund due) or what it was settled with, the vesting wallets it is the beneficiary
 * of, with what they have released and what is releasable now, and the revenue it can claim from each model
 * token. Only models the account has a stake in, has deposited in, or has revenue to claim from are listed.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const portfolio = await client.offering.getPortfolio("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", {
 *   fromBlock: client.deployment.contracts.ModelLaunchFactory.blockNumber,
 * });
 * for (const e of portfolio.entries) console.log(e.slug, e.balance, e.position.tokens, e.vesting.length);
 */
export async function getPortfolio(
  context: ProtocolContext,
  account: string,
  options: EventScanOptions = {},
): Promise<Portfolio> {
  const owner = address(account, "account");
  const fromBlock = launchScanStart(context, options.fromBlock);
  const [launches, wallets] = await Promise.all([readLaunches(context), launchedWallets(context, fromBlock)]);
  const settlements = await settlementsOf(
    context,
    launches.filter((l) => l.kind === "offering").map((l) => l.offering),
    owner,
    fromBlock,
  );
  const assets = assetCache(context);
  const revenueAssets = revenueAssetReader(context);
  const all = await Promise.all(
    launches.map(async (launch): Promise<PortfolioEntry> => {
      const token = ModelToken__factory.connect(launch.token, context.runner);
      const candidates = wallets.get(launch.model) ?? [];
      const [[balance, votes, delegate, tokenSymbol], sale, owners, revenue] = await Promise.all([
        io.read(() =>
          Promise.all([token.balanceOf(owner), token.getVotes(owner), token.delegates(owner), token.symbol()]),
        ),
        launch.kind === "curve"
          ? readCurveSide(context, launch.offering, owner)
          : readSaleSide(context, launch.offering, owner),
        io.read(() =>
          Promise.all(candidates.map((wallet) => ModelVestingWallet__factory.connect(wallet, context.runner).owner())),
        ),
        claimableOf(context, launch.token, owner, revenueAssets),
      ]);
      const { status, paymentToken, position } = sale;
      const mine = candidates.filter((_, i) => getAddress(owners[i]) === owner);
      const [payment, vesting] = await Promise.all([
        assets(paymentToken),
        Promise.all(mine.map((wallet) => readVesting(context, wallet, launch.token))),
      ]);
      const pendingSettlement = position.deposited > 0n;
      return {
        model: launch.model,
        slug: launch.slug,
        token: launch.token,
        tokenSymbol,
        kind: launch.kind,
        offering: launch.offering,
        status,
        payment,
        balance,
        votes,
        delegate: delegate === ZeroAddress ? undefined : delegate,
        position,
        pendingSettlement,
        settled: settlements.get(launch.offering),
        vesting,
        totalTokens:
          balance + (pendingSettlement ? position.tokens : 0n) + vesting.reduce((sum, v) => sum + v.balance, 0n),
        revenue,
      };
    }),
  );
  const entries = all.filter(
    (e) =>
      e.balance > 0n ||
      e.votes > 0n ||
      e.position.deposited > 0n ||
      e.settled !== undefined ||
      e.vesting.length > 0 ||
      e.revenue.some((r) => r.amount > 0n),
  );
  const refunds = new Map<string, AssetAmount>();
  for (const e of entries) {
    if (!e.pendingSettlement || e.position.refund === 0n) continue;
    const entry = refunds.get(e.payment.address) ?? { asset: e.payment, amount: 0n };
    entry.amount += e.position.refund;
    refunds.set(e.payment.address, entry);
  }
  const claimable = new Map<string, RevenueAmount>();
  for (const { asset, amount } of entries.flatMap((e) => e.revenue)) {
    if (amount === 0n) continue;
    const entry = claimable.get(asset.address) ?? { asset, amount: 0n };
    entry.amount += amount;
    claimable.set(asset.address, entry);
  }
  return {
    account: owner,
    entries,
    totals: {
      models: entries.length,
      pendingSettlements: entries.filter((e) => e.pendingSettlement).length,
      refundsDue: [...refunds.values()],
      vestingWallets: entries.reduce((sum, e) => sum + e.vesting.length, 0),
      claimableRevenue: [...claimable.values()],
    },
  };
}

/** What a sale says of an account: where the sale stands, what it is paid in, the account's deposit. */
async function readSaleSide(context: ProtocolContext, address: string, owner: string) {
  const offering = ModelOffering__factory.connect(address, context.runner);
  const [[status, params], position] = await Promise.all([
    io.read(() => Promise.all([offering.status(), offering.params()])),
    readPosition(offering, owner),
  ]);
  return { status: statusName(status) as OfferingStatus | CurveStatus, paymentToken: params.paymentToken, position };
}

/** What a curve says of an account: where it stands, what it is paid in; a curve holds no deposits. */
async function readCurveSide(context: ProtocolContext, address: string, owner: string) {
  const curve = BondingCurve__factory.connect(address, context.runner);
  const [status, config] = await curveIo.read(() => Promise.all([curve.status(), curve.config()]));
  const position: PositionView = { account: owner, deposited: 0n, tokens: 0n, refund: 0n };
  return {
    status: curveStatusName(status) as OfferingStatus | CurveStatus,
    paymentToken: config.curve.paymentToken,
    position,
  };
}
