import { getAddress } from "ethers";

import { accountOrSigner } from "../module.js";
import { readToken, subnets, toNetuid } from "../subnets/internal.js";
import type { NetuidRef } from "../subnets/types.js";
import { activityOf, describeEmissionActivity } from "./describe.js";
import { emission, emissionToken, io, toPeriod, toSettings } from "./internal.js";
import type {
  EmissionBallot,
  EmissionContext,
  EmissionPeriod,
  EmissionReleaseView,
  EmissionSettingsView,
  SubnetEmissionStatus,
} from "./types.js";

// Reading the network emission: the current period, the settings (in force and queued), the period's release and
// the reserve, a voter's power and allocation, and whether a subnet may receive the emission.

/**
 * The current emission period: its number (the first is 1), start and end.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { number, end } = await client.emission.period();
 */
export async function getEmissionPeriod(context: EmissionContext): Promise<EmissionPeriod> {
  return toPeriod(await io.read(() => emission(context).currentPeriod()));
}

/**
 * The emission's settings in effect now, and those the protocol DAO queued with the period they apply from.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { current, queued } = await client.emission.settings();
 * console.log(current.rateBps / 100, "% of the reserve per period", queued?.from);
 */
export async function getEmissionSettings(context: EmissionContext): Promise<EmissionSettingsView> {
  const [current, queued, from] = await io.read(() => emission(context).settings());
  return {
    current: toSettings(current),
    queued: from === 0n ? undefined : { settings: toSettings(queued), from },
  };
}

/**
 * What the current period releases, how much of it went into subnets' pools so far, and the reserve held for later
 * periods, in the protocol token.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { released, reserve, token } = await client.emission.release();
 * console.log(formatAmount(released, token.decimals), token.symbol);
 */
export async function getEmissionRelease(context: EmissionContext): Promise<EmissionReleaseView> {
  const contract = emission(context);
  const [[[period, released, distributed], reserve], token] = await Promise.all([
    io.read(() => Promise.all([contract.periodRelease(), contract.reserve()])),
    emissionToken(context, contract),
  ]);
  return { period, released, distributed, undistributed: released - distributed, reserve, token };
}

/**
 * An account's voting power as a vote or a refresh would count it now: its delegated votes at the current period's
 * start, capped by its votes now (the signer's by default).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const power = await client.emission.powerOf("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
 */
export async function getEmissionPower(context: EmissionContext, voter?: string): Promise<bigint> {
  const account = await accountOrSigner(context, voter, "Reading voting power", "voter");
  return io.read(() => emission(context).powerOf(account));
}

/**
 * A voter's allocation (the signer's by default): the subnets and basis points it gives, the power it weighs with
 * and since when, and whether a refresh would change it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const ballot = await client.emission.ballot("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
 * for (const a of ballot.allocations) console.log(`subnet ${a.netuid}: ${a.bps / 100}%`);
 */
export async function getEmissionBallot(context: EmissionContext, voter?: string): Promise<EmissionBallot> {
  const account = await accountOrSigner(context, voter, "Reading a ballot", "voter");
  const contract = emission(context);
  const [[power, period, netuids, bps], powerNow] = await io.read(() =>
    Promise.all([contract.ballotOf(account), contract.powerOf(account)]),
  );
  return {
    voter: account,
    power,
    period,
    from: period === 0n ? 0n : period + 1n,
    allocations: netuids.map((netuid, i) => ({ netuid, bps: Number(bps[i]) })),
    powerNow,
    stale: netuids.length > 0 && powerNow !== power,
  };
}

/**
 * Whether a subnet may receive the network emission: it must reward in the protocol token; and whether it is
 * active now (else why not, with the figures the settings require).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const status = await client.emission.subnetStatus(1);
 * if (!status.eligible) console.log(`rewards in ${status.rewardToken.symbol}, emission is in ${status.token.symbol}`);
 */
export async function getSubnetEmissionStatus(
  context: EmissionContext,
  netuid: NetuidRef,
): Promise<SubnetEmissionStatus> {
  const id = toNetuid(netuid);
  const contract = emission(context);
  const [[status, activity, [current]], token] = await Promise.all([
    io.read(() => Promise.all([subnets(context).emissionStatus(id), contract.activity(id), contract.settings()])),
    emissionToken(context, contract),
  ]);
  const rewardToken =
    getAddress(status.rewardToken) === token.address ? token : await readToken(context, status.rewardToken);
  const named = activityOf(activity);
  return {
    netuid: id,
    eligible: rewardToken.address === token.address,
    rewardToken,
    token,
    activity: named,
    reason: describeEmissionActivity(named, toSettings(current)),
  };
}
