import type { ContractTransaction, TransactionReceipt } from "ethers";

import { InvalidAmountError } from "../amounts.js";
import { accountOrSigner, addressOr, signerAddress } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import {
  approvalIfShort,
  findEvent,
  findEvents,
  io,
  readToken,
  subnetAction,
  subnets,
  toNetuid,
  units,
} from "./internal.js";
import type { NetuidRef, SubnetContext } from "./types.js";

// Stake on a subnet's hotkeys: staking on one's own or nominating another's, unstaking (pending stake back at
// once, counted stake unbonding for an epoch), withdrawing what unbonded, and a validator's take of its dividends.

/** Parameters of {@link addStake}, {@link delegateStake} and {@link removeStake}. */
export interface StakeParameters {
  netuid: NetuidRef;
  /** The hotkey staked on; the signer's own by default (another's is a delegation). */
  hotkey?: string;
  /** A bigint in stake token units, or a string in whole units ("100"). */
  amount: bigint | string;
}

/** What a stake change did. */
export interface StakeResult {
  netuid: bigint;
  hotkey: string;
  staker: string;
  amount: bigint;
  /** The staker's stake on the hotkey after it (counting and pending; unbonding stake not included). */
  position: bigint;
  /** The hotkey's stake after it (counting and pending). */
  hotkeyStake: bigint;
  /** The epoch (counted as epochs start) from whose start new stake counts and earns: the epoch after the next; absent for an unstake. */
  activeFrom?: bigint;
  /** For an unstake: the stake tokens paid back at once (pending stake, and unbonded stake that was free to leave). */
  released?: bigint;
  /** For an unstake: the part of `amount` that unbonds (it had counted), and the epoch from whose start it can be withdrawn. */
  unbonding?: bigint;
  withdrawableFrom?: bigint;
  approval?: TransactionReceipt;
}

/**
 * Builds a stake without sending it: an approval of the stake token when the allowance is short, then the stake.
 * With a read-only runner, `account` names the staker.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transactions = await client.subnets.prepareAddStake({ netuid: 1, hotkey: validator, amount: "500", account: safe });
 */
export async function prepareAddStake(
  context: SubnetContext,
  params: StakeParameters & { account?: string },
): Promise<ContractTransaction[]> {
  const { contract, id, account: staker } = await subnetAction(context, params, "Staking");
  const hotkey = addressOr(params.hotkey, staker, "hotkey");
  const info = await io.read(() => contract.subnet(id));
  const token = await readToken(context, info.stakeToken);
  const amount = units(params.amount, token);
  const approval = await approvalIfShort(context, token.address, staker, amount);
  const stake = await contract.stake.populateTransaction(id, hotkey, amount);
  return approval ? [approval, stake] : [stake];
}

/**
 * Stakes on a hotkey (the signer's own unless told): approves the stake token when the allowance is short, then
 * stakes. New stake counts for stake weight and earns dividends from the start of the epoch after the next: an
 * epoch pays for the tempo before it, so only stake present for that whole tempo counts in it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.addStake({ netuid: 1, amount: "1000" });
 */
export async function addStake(context: SubnetContext, params: StakeParameters): Promise<WriteResult<StakeResult>> {
  const id = toNetuid(params.netuid);
  const staker = await signerAddress(context, "Staking");
  const hotkey = addressOr(params.hotkey, staker, "hotkey");
  const { receipt, approval } = await io.sendAll(
    context,
    await prepareAddStake(context, { ...params, hotkey }),
    "Staking",
  );
  const staked = findEvent(context, receipt, "Staked");
  return {
    receipt,
    result: {
      ...(await stakeAfter(context, id, hotkey, staker)),
      amount: staked.args.amount as bigint,
      activeFrom: staked.args.activeFrom as bigint,
      approval,
    },
  };
}

/**
 * Builds a stake on someone else's hotkey (a nomination) without sending it: {@link prepareAddStake} with the
 * hotkey named.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transactions = await client.subnets.prepareDelegateStake({ netuid: 1, hotkey: validator, amount: "500", account: safe });
 */
export async function prepareDelegateStake(
  context: SubnetContext,
  params: StakeParameters & { hotkey: string; account?: string },
): Promise<ContractTransaction[]> {
  return prepareAddStake(context, params);
}

/**
 * Stakes on someone else's hotkey (a nomination): its validator keeps its take of the dividends, the rest is
 * shared by stake.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.subnets.delegateStake({ netuid: 1, hotkey: validator, amount: "500" });
 */
export async function delegateStake(
  context: SubnetContext,
  params: StakeParameters & { hotkey: string },
): Promise<WriteResult<StakeResult>> {
  return addStake(context, params);
}

/**
 * Builds an unstake without sending it. With a read-only runner, `account` names the staker.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.subnets.prepareRemoveStake({ netuid: 1, hotkey: validator, amount: "250", account: safe });
 */
export async function prepareRemoveStake(
  context: SubnetContext,
  params: StakeParameters & { account?: string },
): Promise<ContractTransaction> {
  const { contract, id, account: staker } = await subnetAction(context, params, "Unstaking");
  const hotkey = addressOr(params.hotkey, staker, "hotkey");
  const info = await io.read(() => contract.subnet(id));
  return contract.unstake.populateTransaction(
    id,
    hotkey,
    units(params.amount, await readToken(context, info.stakeToken)),
  );
}

/**
 * Takes stake off a hotkey and pays its dividends. Pending stake (which never counted) comes back at once; stake
 * that counted unbonds: it stops counting and earning now and can be withdrawn ({@link withdrawStake}) once the next
 * epoch has started. Allowed while an epoch runs.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.removeStake({ netuid: 1, amount: "250" });
 * if (result.unbonding) console.log(`${result.unbonding} unbonding until epoch ${result.withdrawableFrom}`);
 */
export async function removeStake(context: SubnetContext, params: StakeParameters): Promise<WriteResult<StakeResult>> {
  const id = toNetuid(params.netuid);
  const staker = await signerAddress(context, "Unstaking");
  const hotkey = addressOr(params.hotkey, staker, "hotkey");
  const receipt = await io.send(context, await prepareRemoveStake(context, { ...params, hotkey }), "Unstaking");
  const unstaked = findEvent(context, receipt, "Unstaked");
  const released = findEvents(context, receipt, "StakeWithdrawn").reduce(
    (sum, e) => sum + (e.args.amount as bigint),
    0n,
  );
  return {
    receipt,
    result: {
      ...(await stakeAfter(context, id, hotkey, staker)),
      amount: unstaked.args.amount as bigint,
      released,
      unbonding: unstaked.args.unbonding as bigint,
      withdrawableFrom: unstaked.args.withdrawableFrom as bigint,
    },
  };
}

/** Parameters of {@link withdrawStake}. */
export interface WithdrawStakeParameters {
  netuid: NetuidRef;
  /** The hotkey unstaked from; the signer's own by default. */
  hotkey?: string;
  /** With a read-only runner (for {@link prepareWithdrawStake}): the staker. */
  account?: string;
}

/**
 * Builds the withdrawal of unbonded stake without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.subnets.prepareWithdrawStake({ netuid: 1, hotkey: validator, account: safe });
 */
export async function prepareWithdrawStake(
  context: SubnetContext,
  params: WithdrawStakeParameters,
): Promise<ContractTransaction> {
  const staker = await accountOrSigner(context, params.account, "Withdrawing stake");
  const hotkey = addressOr(params.hotkey, staker, "hotkey");
  return subnets(context).withdrawStake.populateTransaction(toNetuid(params.netuid), hotkey);
}

/**
 * Pays back the signer's unbonded stake on a hotkey that is free to leave (once the epoch after its unstake has
 * started), with its dividends. Refused with `SubnetStakeUnbondingError`, which names the epoch, while none is free.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.withdrawStake({ netuid: 1, hotkey: validator });
 */
export async function withdrawStake(
  context: SubnetContext,
  params: WithdrawStakeParameters,
): Promise<WriteResult<{ netuid: bigint; hotkey: string; staker: string; amount: bigint; rewards: bigint }>> {
  const id = toNetuid(params.netuid);
  const staker = await signerAddress(context, "Withdrawing stake");
  const hotkey = addressOr(params.hotkey, staker, "hotkey");
  const receipt = await io.send(
    context,
    await prepareWithdrawStake(context, { netuid: id, hotkey }),
    "Withdrawing stake",
  );
  const [withdrawn] = findEvents(context, receipt, "StakeWithdrawn");
  const [rewards] = findEvents(context, receipt, "StakeRewardsClaimed");
  return {
    receipt,
    result: {
      netuid: id,
      hotkey,
      staker,
      amount: (withdrawn?.args.amount as bigint | undefined) ?? 0n,
      rewards: (rewards?.args.amount as bigint | undefined) ?? 0n,
    },
  };
}

/** Parameters of {@link setDelegateTake}. */
export interface SetDelegateTakeParameters {
  netuid: NetuidRef;
  /** The hotkey; the signer's own by default (the signer must be its coldkey). */
  hotkey?: string;
  /** The take as a fraction of the dividends (0.18 for 18%), or a u16 proportion as a bigint. */
  take: number | bigint;
}

/**
 * Builds a change of a validator hotkey's take without sending it. With a read-only runner, `account` names the
 * hotkey's coldkey that sends it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.subnets.prepareSetDelegateTake({ netuid: 1, hotkey: validator, take: 0.09, account: safe });
 */
export async function prepareSetDelegateTake(
  context: SubnetContext,
  params: SetDelegateTakeParameters & { account?: string },
): Promise<ContractTransaction> {
  const caller = await accountOrSigner(context, params.account, "Setting a take");
  const hotkey = addressOr(params.hotkey, caller, "hotkey");
  return subnets(context).setTake.populateTransaction(toNetuid(params.netuid), hotkey, takeProportion(params.take));
}

/**
 * Sets a validator hotkey's take of its dividends (its coldkey only): a decrease applies at once, an increase
 * from the start of the epoch after the next.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.subnets.setDelegateTake({ netuid: 1, take: 0.09 });
 */
export async function setDelegateTake(
  context: SubnetContext,
  params: SetDelegateTakeParameters,
): Promise<WriteResult<{ hotkey: string; take: number; from: bigint }>> {
  const netuid = toNetuid(params.netuid);
  const caller = await signerAddress(context, "Setting a take");
  const hotkey = addressOr(params.hotkey, caller, "hotkey");
  const take = takeProportion(params.take);
  const receipt = await io.send(
    context,
    await prepareSetDelegateTake(context, { ...params, netuid, hotkey }),
    "Setting a take",
  );
  const [set] = findEvents(context, receipt, "TakeSet");
  return {
    receipt,
    result: { hotkey, take: Number(set?.args.take ?? take), from: (set?.args.from as bigint | undefined) ?? 0n },
  };
}

/** A take given as a fraction of the dividends (0.18), or a u16 proportion as a bigint, as a u16 proportion. */
function takeProportion(value: number | bigint): number {
  const take = typeof value === "bigint" ? Number(value) : Math.round(value * 65_535);
  if (!Number.isInteger(take) || take < 0 || take > 65_535)
    throw new InvalidAmountError(`A take of ${value} is not between 0 and 1.`);
  return take;
}

async function stakeAfter(
  context: SubnetContext,
  netuid: bigint,
  hotkey: string,
  staker: string,
): Promise<Omit<StakeResult, "amount">> {
  const contract = subnets(context);
  const [position, pool] = await io.read(() =>
    Promise.all([contract.positionOf(netuid, hotkey, staker), contract.stakeOf(netuid, hotkey)]),
  );
  return {
    netuid,
    hotkey,
    staker,
    position: position.active + position.pendingNext + position.pendingLater,
    hotkeyStake: pool.active + pool.pendingNext + pool.pendingLater,
  };
}
