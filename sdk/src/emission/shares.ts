import { getAddress } from "ethers";

import { IPaymentToken__factory } from "../contracts.js";
import { SdkError } from "../errors.js";
import { scanLogs } from "../logs.js";
import { readToken, subnets, toNetuid } from "../subnets/internal.js";
import type { NetuidRef } from "../subnets/types.js";
import { activityOf, describeEmissionActivity } from "./describe.js";
import {
  BPS,
  emission,
  emissionAddress,
  emissionInterface,
  emissionScanStart,
  io,
  shareOf,
  toPeriod,
  toSettings,
} from "./internal.js";
import type {
  EmissionContext,
  EmissionScanOptions,
  EmissionSettings,
  EmissionSharesView,
  EmissionToken,
  SubnetEmissionShare,
} from "./types.js";

// Every subnet's part of the emission: its weight now and from the next period, its share of this period's
// release and an estimate of the next one's, whether it was distributed, its activity, and what it received so far.

/** A fraction's precision in {@link SubnetEmissionShare.fraction}: a millionth. */
const FRACTION = 1_000_000n;

/**
 * Each subnet's part of the emission (every subnet by default, in netuid order): its weight in the current period
 * and from the next (also as a fraction of all), its share of the current period's release (capped) and whether it
 * went into its pool, its share of the next period's release if that period opened now, its activity, and what it
 * received from the emission so far (from the contract's events, read in chunks from its deployment block).
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { subnets, token } = await client.emission.subnetShares();
 * for (const s of subnets) console.log(s.netuid, formatAmount(s.share, token.decimals), s.reason);
 */
export async function getEmissionShares(
  context: EmissionContext,
  netuids?: readonly NetuidRef[],
  options: EmissionScanOptions = {},
): Promise<EmissionSharesView> {
  const contract = emission(context);
  const subnetContract = subnets(context);
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Reading the emission needs a provider: connect the client to one.");
  const block = await provider.getBlockNumber();
  const at = { blockTag: block };
  const [period, [current, queued, from], [, released], total, count, tokenAddress] = await io.read(() =>
    Promise.all([
      contract.currentPeriod(at),
      contract.settings(at),
      contract.periodRelease(at),
      contract.totalWeight(at),
      subnetContract.subnetCount(at),
      contract.token(at),
    ]),
  );
  const ids = netuids?.map(toNetuid) ?? Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const [token, held, rows, emitted] = await Promise.all([
    readToken(context, tokenAddress),
    io.read(() => IPaymentToken__factory.connect(tokenAddress, context.runner).balanceOf(emissionAddress(context), at)),
    io.read(() =>
      Promise.all(
        ids.map((id) =>
          Promise.all([
            contract.weightOf(id, at),
            contract.shareOf(id, at),
            contract.activity(id, at),
            subnetContract.emissionStatus(id, at),
          ]),
        ),
      ),
    ),
    emittedBySubnet(context, block, options),
  ]);
  const settings = {
    current: toSettings(current),
    queued: from === 0n ? undefined : { settings: toSettings(queued), from },
  };
  // Settings queued for the next period are the ones its release and cap follow.
  const next: EmissionSettings =
    settings.queued && settings.queued.from <= period[0] + 1n ? settings.queued.settings : settings.current;
  const nextRelease = (held * BigInt(next.rateBps)) / BPS;
  const rewardTokens = new Map<string, Promise<EmissionToken>>([[token.address, Promise.resolve(token)]]);
  const rewardTokenOf = (address: string): Promise<EmissionToken> => {
    const key = getAddress(address);
    if (!rewardTokens.has(key)) rewardTokens.set(key, readToken(context, key));
    return rewardTokens.get(key)!;
  };
  const shares = await Promise.all(
    rows.map(
      async ([[weightNow, weightNext], [share, distributed], activity, status], i): Promise<SubnetEmissionShare> => {
        const named = activityOf(activity);
        const rewardToken = await rewardTokenOf(status.rewardToken);
        return {
          netuid: ids[i],
          eligible: rewardToken.address === token.address,
          rewardToken,
          activity: named,
          reason: describeEmissionActivity(named, settings.current),
          weight: { current: weightNow, next: weightNext },
          fraction: { current: fraction(weightNow, total[0]), next: fraction(weightNext, total[1]) },
          share,
          capped: total[0] > 0n && (released * weightNow) / total[0] > share,
          nextShare: shareOf(weightNext, total[1], nextRelease, next.capBps),
          distributed,
          emitted: emitted.get(ids[i]) ?? 0n,
        };
      },
    ),
  );
  return {
    period: toPeriod(period),
    token,
    settings,
    released,
    nextRelease,
    totalWeight: { current: total[0], next: total[1] },
    subnets: shares,
  };
}

/** `part` of `whole` as a number from 0 to 1, to a millionth; 0 when the whole is 0. */
function fraction(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number((part * FRACTION) / whole) / Number(FRACTION);
}

/** What each subnet received from the emission up to `toBlock`, from the `EmissionDistributed` events. */
async function emittedBySubnet(
  context: EmissionContext,
  toBlock: number,
  options: EmissionScanOptions,
): Promise<Map<bigint, bigint>> {
  const logs = await io.read(() =>
    scanLogs(context.runner.provider!, {
      address: emissionAddress(context),
      topics: [emissionInterface.getEvent("EmissionDistributed")!.topicHash],
      fromBlock: Math.min(emissionScanStart(context, options.fromBlock), toBlock),
      toBlock,
      blockRange: options.blockRange,
    }),
  );
  const totals = new Map<bigint, bigint>();
  for (const log of logs) {
    const { args } = emissionInterface.parseLog(log)!;
    const netuid = args.netuid as bigint;
    totals.set(netuid, (totals.get(netuid) ?? 0n) + (args.amount as bigint));
  }
  return totals;
}
