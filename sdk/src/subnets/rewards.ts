import type { ContractTransaction, TransactionReceipt } from "ethers";

import { address, addressOr } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import { findEvents, io, readNeurons, subnetAction, subnets } from "./internal.js";
import type { NetuidRef, SubnetContext } from "./types.js";

// What an account may claim on a subnet, and claiming it: rewards (incentive, take, owner's cut, keeper rewards)
// and the dividends of its stake.

/** What an account may claim on a subnet: {@link getSubnetRewards}. */
export interface SubnetRewardsView {
  account: string;
  /**
   * Incentive, take, owner's cut and keeper rewards, paid by {@link claimRewards}: the account's claimable balance
   * and what its UIDs (as coldkey) have yet to claim.
   */
  claimable: bigint;
  /** The account's UIDs with rewards yet to claim (part of `claimable`). */
  uids: number[];
  /**
   * Per hotkey the account stakes on (of the hotkeys asked about): its dividends, its stake (counting and pending),
   * its unbonding stake, the part of it free to withdraw now, and the epoch from whose start the rest is.
   */
  stakeRewards: {
    hotkey: string;
    amount: bigint;
    position: bigint;
    unbonding: bigint;
    withdrawable: bigint;
    unbondingUntil: bigint;
  }[];
  total: bigint;
}

/**
 * What an account may claim on a subnet: its claimable rewards, and the dividends of its stake on the hotkeys
 * given (every registered hotkey by default).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { total } = await client.subnets.getSubnetRewards({ netuid: 1 });
 */
export async function getSubnetRewards(
  context: SubnetContext,
  params: { netuid: NetuidRef; account?: string; hotkeys?: string[] },
): Promise<SubnetRewardsView> {
  const { contract, id, account } = await subnetAction(context, params, "Reading rewards");
  const hotkeys = params.hotkeys?.map((h) => address(h, "hotkey")) ?? (await registeredHotkeys(context, id));
  const [claimable, uids, positions] = await io.read(() =>
    Promise.all([
      contract.claimable(id, account),
      contract.unclaimedUids(id, account),
      Promise.all(hotkeys.map((h) => contract.positionOf(id, h, account))),
    ]),
  );
  const stakeRewards = positions
    .map((p, i) => ({
      hotkey: hotkeys[i],
      amount: p.rewards,
      position: p.active + p.pendingNext + p.pendingLater,
      unbonding: p.unbonding,
      withdrawable: p.withdrawable,
      unbondingUntil: p.unbondingUntil,
    }))
    .filter((r) => r.amount > 0n || r.position > 0n || r.unbonding > 0n);
  return {
    account,
    claimable,
    uids: uids.map(Number),
    stakeRewards,
    total: claimable + stakeRewards.reduce((sum, r) => sum + r.amount, 0n),
  };
}

/** What {@link claimRewards} paid. */
export interface ClaimRewardsResult {
  to: string;
  /** Rewards (incentive, take, owner's cut, keeper rewards). */
  rewards: bigint;
  /** Dividends of stake. */
  stakeRewards: bigint;
  amount: bigint;
  transactions: string[];
}

/** Parameters of {@link prepareClaimRewards} and {@link claimRewards}. */
export interface ClaimRewardsParameters {
  netuid: NetuidRef;
  /** Where the rewards go; the claimer by default. */
  to?: string;
  /** The hotkeys whose stake dividends to claim; every registered hotkey by default. */
  hotkeys?: string[];
  /** With a read-only runner (for {@link prepareClaimRewards}): the claimer. */
  account?: string;
}

/** What {@link prepareClaimRewards} returns: the claims to send (one or both, in this order), and what they claim. */
export interface PreparedClaimRewards {
  /** The claim of rewards (incentive, take, owner's cut, keeper rewards), when there are any. */
  rewards?: ContractTransaction;
  /** The claim of the dividends of stake, when there are any. */
  stakeRewards?: ContractTransaction;
  to: string;
  /** What the account may claim, as the transactions were built for it. */
  owed: SubnetRewardsView;
}

/**
 * Builds the claims of everything an account (the signer, or `account` with a read-only runner) may claim on a
 * subnet, without sending them: its claimable rewards, then the dividends of its stake. Refuses with a sentence
 * when there is nothing to claim.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions } = await client.subnets.prepareClaimRewards({ netuid: 1, account: safe });
 */
export async function prepareClaimRewards(
  context: SubnetContext,
  params: ClaimRewardsParameters,
): Promise<PreparedClaimRewards> {
  const { contract, id, account } = await subnetAction(context, params, "Claiming");
  const to = addressOr(params.to, account, "to");
  const owed = await getSubnetRewards(context, { netuid: id, account, hotkeys: params.hotkeys });
  if (owed.claimable === 0n && owed.stakeRewards.every((r) => r.amount === 0n))
    throw io.revert("SubnetNothingToClaim", [account]);
  const withRewards = owed.stakeRewards.filter((r) => r.amount > 0n).map((r) => r.hotkey);
  return {
    rewards: owed.claimable > 0n ? await contract.claim.populateTransaction(id, owed.uids, to) : undefined,
    stakeRewards:
      withRewards.length > 0 ? await contract.claimStakeRewards.populateTransaction(id, withRewards, to) : undefined,
    to,
    owed,
  };
}

/**
 * Claims everything the signer may on a subnet: its claimable rewards and the dividends of its stake (on every
 * hotkey it stakes on), in one or two transactions. Refuses with a sentence when there is nothing to claim.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.claimRewards({ netuid: 1 });
 * console.log(result.amount);
 */
export async function claimRewards(
  context: SubnetContext,
  params: ClaimRewardsParameters,
): Promise<WriteResult<ClaimRewardsResult>> {
  const prepared = await prepareClaimRewards(context, params);
  const result: ClaimRewardsResult = { to: prepared.to, rewards: 0n, stakeRewards: 0n, amount: 0n, transactions: [] };
  let receipt: TransactionReceipt | undefined;
  if (prepared.rewards) {
    receipt = await io.send(context, prepared.rewards, "Claiming");
    const [claimed] = findEvents(context, receipt, "RewardsClaimed");
    result.rewards = (claimed?.args.amount as bigint | undefined) ?? prepared.owed.claimable;
    result.transactions.push(receipt.hash);
  }
  if (prepared.stakeRewards) {
    receipt = await io.send(context, prepared.stakeRewards, "Claiming stake rewards");
    result.stakeRewards = findEvents(context, receipt, "StakeRewardsClaimed").reduce(
      (sum, e) => sum + (e.args.amount as bigint),
      0n,
    );
    result.transactions.push(receipt.hash);
  }
  result.amount = result.rewards + result.stakeRewards;
  return { receipt: receipt!, result };
}

async function registeredHotkeys(context: SubnetContext, netuid: bigint): Promise<string[]> {
  const contract = subnets(context);
  const info = await io.read(() => contract.subnet(netuid));
  return (await readNeurons(contract, netuid, Number(info.n))).map((u) => u.hotkey);
}
