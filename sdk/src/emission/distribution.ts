import type { ContractTransaction } from "ethers";

import type { WriteResult } from "../registry/types.js";
import { subnets, toNetuid } from "../subnets/internal.js";
import type { NetuidRef } from "../subnets/types.js";
import { activityOf, describeEmissionActivity } from "./describe.js";
import { EmissionNothingToDistributeError } from "./errors.js";
import { emission, emissionAddress, emissionToken, inactiveError, io, toSettings } from "./internal.js";
import type { EmissionContext, EmissionDistributionResult, EmissionToken, SkippedEmissionSubnet } from "./types.js";

// Putting the current period's shares into subnets' reward pools: anyone may, once per subnet and period, while the
// subnet is active. Named subnets are checked as the contract checks them; with none named, every subnet that can
// receive now is, in one batch, and the others are said with their reason.

/** What {@link prepareDistributeEmission} returns: the transaction, and what it would distribute and leave out. */
export interface PreparedEmissionDistribution {
  transaction: ContractTransaction;
  period: bigint;
  /** The subnets it distributes to, in the order sent, with the share each would receive. */
  shares: { netuid: bigint; amount: bigint }[];
  /** With no subnets named: the subnets left out, and why. */
  skipped: SkippedEmissionSubnet[];
  token: EmissionToken;
}

/**
 * Builds a distribution of the current period's shares without sending it. With `netuids`, to those subnets, each
 * checked as the contract checks it (refused with its error when distributed already, without a share, or inactive,
 * the sentence naming the figures the settings require); without, to every subnet with a share that is active and
 * not yet distributed, the others listed in `skipped` with their reason. Refuses when no subnet can receive.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { shares, skipped } = await client.emission.prepareDistribute();
 */
export async function prepareDistributeEmission(
  context: EmissionContext,
  netuids?: readonly NetuidRef[],
): Promise<PreparedEmissionDistribution> {
  const contract = emission(context);
  const [[period], [current], count] = await io.read(() =>
    Promise.all([contract.currentPeriod(), contract.settings(), subnets(context).subnetCount()]),
  );
  const settings = toSettings(current);
  const ids = netuids?.map(toNetuid) ?? Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const [rows, token] = await Promise.all([
    io.read(() => Promise.all(ids.map((id) => Promise.all([contract.shareOf(id), contract.activity(id)])))),
    emissionToken(context, contract),
  ]);
  const shares: { netuid: bigint; amount: bigint }[] = [];
  const skipped: SkippedEmissionSubnet[] = [];
  const named = new Set<bigint>();
  rows.forEach(([[amount, distributed], activity], i) => {
    const netuid = ids[i];
    if (netuids) {
      // A subnet named twice would be distributed twice in the period: the contract refuses the second.
      if (distributed || named.has(netuid)) throw io.revert("EmissionAlreadyDistributed", [netuid, period]);
      if (amount === 0n) throw io.revert("EmissionNoShare", [netuid, period]);
      if (activityOf(activity) !== "active") throw inactiveError(netuid, activity, settings);
      named.add(netuid);
      shares.push({ netuid, amount });
    } else if (amount === 0n) {
      skipped.push({ netuid, reason: "no-share", share: 0n, description: "has no share of this period" });
    } else if (distributed) {
      skipped.push({ netuid, reason: "distributed", share: amount, description: "received its share already" });
    } else if (activityOf(activity) !== "active") {
      const description = describeEmissionActivity(activityOf(activity), settings);
      skipped.push({ netuid, reason: "inactive", share: amount, description });
    } else {
      shares.push({ netuid, amount });
    }
  });
  if (shares.length === 0) {
    const parts = skipped.filter((s) => s.reason !== "no-share").map((s) => `subnet ${s.netuid} ${s.description}`);
    const without = skipped.length - parts.length;
    if (without > 0) parts.push(`${without === 1 ? "1 subnet has" : `${without} subnets have`} no share of it`);
    throw new EmissionNothingToDistributeError(
      `No subnet can receive period ${period}'s emission now${parts.length ? `: ${parts.join("; ")}` : ""}.`,
    );
  }
  const transaction = await contract.distribute.populateTransaction(shares.map((s) => s.netuid));
  return { transaction, period, shares, skipped, token };
}

/**
 * Puts the current period's shares into subnets' reward pools, in one transaction (see
 * {@link prepareDistributeEmission}): into the subnets named, or into every subnet that can receive now. Anyone may;
 * the signer pays the gas.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.emission.distribute([1, 2]);
 * for (const d of result.distributed) console.log(d.netuid, formatAmount(d.amount, result.token.decimals));
 */
export async function distributeEmission(
  context: EmissionContext,
  netuids?: readonly NetuidRef[],
): Promise<WriteResult<EmissionDistributionResult>> {
  const prepared = await prepareDistributeEmission(context, netuids);
  const receipt = await io.send(context, prepared.transaction, "Distributing the emission");
  const events = io.findEvents(receipt, emissionAddress(context), "EmissionDistributed");
  const distributed = events.map((e) => ({ netuid: e.args.netuid as bigint, amount: e.args.amount as bigint }));
  return {
    receipt,
    result: {
      period: (events[0]?.args.period as bigint | undefined) ?? prepared.period,
      distributed,
      total: distributed.reduce((sum, d) => sum + d.amount, 0n),
      skipped: prepared.skipped,
      token: prepared.token,
    },
  };
}
