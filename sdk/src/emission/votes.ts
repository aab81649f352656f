import { getAddress, type ContractTransaction } from "ethers";

import { accountOrSigner } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import { subnets, toNetuid } from "../subnets/internal.js";
import type { NetuidRef } from "../subnets/types.js";
import { EmissionVoteError } from "./errors.js";
import { emission, emissionAddress, emissionToken, io, MAX_SUBNETS_PER_VOTER, nextPeriodStart } from "./internal.js";
import type { EmissionAllocation, EmissionContext, EmissionVoteParameters, EmissionVoteResult } from "./types.js";

// Allocating one's protocol token votes across subnets: a vote written as people write it (`1:70,2:30`, in percent),
// checked as the contract checks it, built, and sent. A vote weighs from the next period on.

/**
 * Reads a vote written as `netuid:percent` pairs separated by commas or spaces ("1:70,2:30", "3:33.33%"), as the
 * CLI takes it: each percentage of the voter's votes, to two decimals (whole basis points), at most 100 in all.
 *
 * @example
 * import { parseEmissionVote } from "open-model-registry/sdk";
 * parseEmissionVote("1:70, 2:30"); // [{ netuid: 1n, bps: 7000 }, { netuid: 2n, bps: 3000 }]
 */
export function parseEmissionVote(text: string): EmissionAllocation[] {
  const allocations: EmissionAllocation[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const match = /^(\d+)[:=](\d+(?:\.\d{1,2})?)%?$/.exec(part);
    if (!match) {
      throw new EmissionVoteError(
        `"${part}" is not a subnet's part of a vote: write netuid:percent, e.g. 1:70 (two decimals at most).`,
      );
    }
    const [whole, cents = ""] = match[2].split(".");
    allocations.push({ netuid: BigInt(match[1]), bps: Number(whole) * 100 + Number(cents.padEnd(2, "0")) });
  }
  if (allocations.length === 0) {
    throw new EmissionVoteError("No subnets were given: write netuid:percent pairs, e.g. 1:70,2:30.");
  }
  return allocations;
}

/** What {@link prepareVoteEmission} returns: the transaction, and the vote it records, checked. */
export interface PreparedEmissionVote {
  transaction: ContractTransaction;
  voter: string;
  /** The votes it would weigh with now. */
  power: bigint;
  /** The subnets in ascending order, as the contract takes them. */
  allocations: EmissionAllocation[];
}

/**
 * Builds a vote without sending it: the allocation of the signer's votes (or `account`'s, with a read-only runner)
 * across subnets, in basis points, from the next period on; an empty list withdraws its votes. Refuses, with the
 * contract's own error, what the contract would refuse: mismatched lists, more than 16 subnets, a subnet named
 * twice, a zero weight, more than 100% in all, a subnet that does not exist or rewards in another token, and a vote
 * without voting power. The subnets may be given in any order.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.emission.prepareVote([{ netuid: 1, bps: 7000 }, { netuid: 2, bps: 3000 }]);
 */
export async function prepareVoteEmission(
  context: EmissionContext,
  vote: EmissionVoteParameters,
  options: { account?: string } = {},
): Promise<PreparedEmissionVote> {
  const allocations = checkedVote(vote);
  const contract = emission(context);
  const voter = await accountOrSigner(context, options.account, "Voting", "account");
  const subnetContract = subnets(context);
  const [power, token, count] = await io.read(() =>
    Promise.all([contract.powerOf(voter), contract.token(), subnetContract.subnetCount()]),
  );
  if (allocations.length > 0 && power === 0n) throw io.revert("EmissionNoVotingPower", [voter]);
  // Subnets are numbered from 1 to their count.
  const unknown = allocations.find((a) => a.netuid === 0n || a.netuid > count);
  if (unknown) throw io.revert("EmissionUnknownSubnet", [unknown.netuid]);
  const statuses = await io.read(() => Promise.all(allocations.map((a) => subnetContract.emissionStatus(a.netuid))));
  statuses.forEach((status, i) => {
    if (getAddress(status.rewardToken) !== getAddress(token))
      throw io.revert("EmissionRewardTokenMismatch", [allocations[i].netuid, getAddress(status.rewardToken)]);
  });
  const transaction = await contract.vote.populateTransaction(
    allocations.map((a) => a.netuid),
    allocations.map((a) => a.bps),
  );
  return { transaction, voter, power, allocations };
}

/**
 * Allocates the signer's protocol token votes across subnets, in basis points, from the next period on (see
 * {@link prepareVoteEmission}); an empty list withdraws them. The weight is the signer's delegated votes at the
 * current period's start, capped by its votes now.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.emission.vote({ netuids: [1, 2], bps: [7000, 3000] });
 * console.log(`weighs from period ${result.from}, at ${result.fromStart.toISOString()}`);
 */
export async function voteEmission(
  context: EmissionContext,
  vote: EmissionVoteParameters,
): Promise<WriteResult<EmissionVoteResult>> {
  const prepared = await prepareVoteEmission(context, vote);
  const receipt = await io.send(context, prepared.transaction, "Voting");
  const event = io.findEvent(receipt, emissionAddress(context), "EmissionVoted");
  const contract = emission(context);
  const [fromStart, token] = await Promise.all([
    nextPeriodStart(contract, receipt.blockNumber),
    emissionToken(context, contract),
  ]);
  return {
    receipt,
    result: {
      voter: prepared.voter,
      power: event.args.power as bigint,
      allocations: prepared.allocations,
      from: event.args.from as bigint,
      fromStart,
      token,
    },
  };
}

/**
 * The vote as the contract takes it: subnets ascending, each once, with a weight; at most 16 subnets and 100% in
 * all. What the contract would refuse is refused with its own error; weights that are not whole basis points, with
 * a sentence.
 */
function checkedVote(vote: EmissionVoteParameters): EmissionAllocation[] {
  let pairs: EmissionAllocation[];
  if (isPairs(vote)) {
    pairs = vote.map((a) => ({ netuid: toNetuid(a.netuid), bps: a.bps }));
  } else {
    if (vote.netuids.length !== vote.bps.length)
      throw io.revert("EmissionLengthMismatch", [vote.netuids.length, vote.bps.length]);
    pairs = vote.netuids.map((netuid, i) => ({ netuid: toNetuid(netuid), bps: vote.bps[i] }));
  }
  if (pairs.length > MAX_SUBNETS_PER_VOTER)
    throw io.revert("EmissionTooManySubnets", [pairs.length, MAX_SUBNETS_PER_VOTER]);
  for (const { netuid, bps } of pairs) {
    if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) {
      throw new EmissionVoteError(
        `${bps} is not a weight for subnet ${netuid}: weights are whole basis points from 1 to 10000 (100%).`,
      );
    }
    if (bps === 0) throw io.revert("EmissionZeroWeight", [netuid]);
  }
  const sorted = [...pairs].sort((a, b) => (a.netuid < b.netuid ? -1 : a.netuid > b.netuid ? 1 : 0));
  sorted.forEach((a, i) => {
    if (i > 0 && a.netuid === sorted[i - 1].netuid) throw io.revert("EmissionSubnetsNotAscending", [i]);
  });
  const total = sorted.reduce((sum, a) => sum + a.bps, 0);
  if (total > 10_000) throw io.revert("EmissionWeightsExceedTotal", [total]);
  return sorted;
}

function isPairs(vote: EmissionVoteParameters): vote is readonly { netuid: NetuidRef; bps: number }[] {
  return Array.isArray(vote);
}
