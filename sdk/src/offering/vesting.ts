import type { ContractTransaction } from "ethers";

import { ModelToken__factory, ModelVestingWallet__factory } from "../contracts.js";
import { launchScanStart } from "../context.js";
import { accountOrSigner, address } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import { io, tokenOfWallet } from "./internal.js";
import type { DelegationView, EventScanOptions, OfferingContext } from "./types.js";

// The team's vesting wallets: delegating the votes of the tokens still locked in one, and releasing what vested.

/** Parameters of {@link prepareDelegateVesting} and {@link delegateVesting}. */
export interface DelegateVestingParameters extends EventScanOptions {
  /** The vesting wallet; the signer must be its beneficiary. */
  wallet: string;
  /** Who votes with the tokens still in the wallet; the signer by default. */
  to?: string;
  /** The model token in the wallet; found from the launch that created the wallet when not given. */
  token?: string;
}

/**
 * Builds a delegation of a vesting wallet's votes without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.offering.prepareDelegateVesting({ wallet, to: beneficiary });
 */
export async function prepareDelegateVesting(
  context: OfferingContext,
  params: DelegateVestingParameters,
): Promise<ContractTransaction> {
  const { wallet, token } = await walletAndToken(context, params);
  const to = await accountOrSigner(context, params.to, "Delegating", "to");
  return ModelVestingWallet__factory.connect(wallet, context.runner).delegate.populateTransaction(token, to);
}

/**
 * Delegates the votes of the tokens still locked in a vesting wallet (beneficiary only), so a team votes
 * with its stake before it vests.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const [mine] = (await client.offering.getPortfolio(me)).entries[0].vesting;
 * const { result } = await client.offering.delegateVesting({ wallet: mine.wallet, to: me });
 */
export async function delegateVesting(
  context: OfferingContext,
  params: DelegateVestingParameters,
): Promise<WriteResult<DelegationView>> {
  const { wallet, token } = await walletAndToken(context, params);
  const to = await accountOrSigner(context, params.to, "Delegating", "to");
  const receipt = await io.send(context, await prepareDelegateVesting(context, { wallet, token, to }), "Delegating");
  const votes = await io.read(() => ModelToken__factory.connect(token, context.runner).getVotes(to));
  return { receipt, result: { account: wallet, delegate: to, votes } };
}

/** Parameters of {@link prepareReleaseVesting} and {@link releaseVesting}. */
export interface ReleaseVestingParameters extends EventScanOptions {
  wallet: string;
  /** The model token in the wallet; found from the launch that created the wallet when not given. */
  token?: string;
}

/**
 * Builds the release of a vesting wallet's vested tokens without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.offering.prepareReleaseVesting({ wallet });
 */
export async function prepareReleaseVesting(
  context: OfferingContext,
  params: ReleaseVestingParameters,
): Promise<ContractTransaction> {
  const { wallet, token } = await walletAndToken(context, params);
  return ModelVestingWallet__factory.connect(wallet, context.runner)["release(address)"].populateTransaction(token);
}

/**
 * Releases the vested tokens of a vesting wallet to its beneficiary. Anyone may call it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.offering.releaseVesting({ wallet });
 * console.log(`${result} tokens released`);
 */
export async function releaseVesting(
  context: OfferingContext,
  params: ReleaseVestingParameters,
): Promise<WriteResult<bigint>> {
  const { wallet, token } = await walletAndToken(context, params);
  const receipt = await io.send(context, await prepareReleaseVesting(context, { wallet, token }), "Releasing");
  const { args } = io.findEvent(receipt, wallet, "ERC20Released");
  return { receipt, result: args.amount as bigint };
}

/** The wallet (checked) and the model token in it: the one given, or the token of the launch that created it. */
async function walletAndToken(
  context: OfferingContext,
  params: { wallet: string; token?: string } & EventScanOptions,
): Promise<{ wallet: string; token: string }> {
  const wallet = address(params.wallet, "wallet");
  const token =
    params.token === undefined
      ? await tokenOfWallet(context, wallet, launchScanStart(context, params.fromBlock))
      : address(params.token, "token");
  return { wallet, token };
}
