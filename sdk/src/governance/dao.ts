import { ZeroAddress, type Interface, type TransactionReceipt, type ContractTransaction } from "ethers";

import {
  IPaymentToken__factory,
  ModelGovernor__factory,
  ModelOffering__factory,
  ModelLaunchFactory__factory,
  ModelRegistry__factory,
  ModelTimelock__factory,
  ModelToken__factory,
} from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { SdkError, withDecodedReverts } from "../errors.js";
import { sendTransaction } from "../transactions.js";
import { OfferingNotFoundError } from "../offering/errors.js";
import { getModel } from "../registry/actions.js";
import type { ModelRef } from "../registry/types.js";

// What every governance action needs: a launched model's DAO (governor, timelock, token), the interfaces that
// decode its calls and errors, and sending with reverts decoded. Internal to the governance module.

export const governorInterface: Interface = ModelGovernor__factory.createInterface();
export const timelockInterface: Interface = ModelTimelock__factory.createInterface();
export const tokenInterface: Interface = ModelToken__factory.createInterface();
export const registryInterface: Interface = ModelRegistry__factory.createInterface();
export const erc20Interface: Interface = IPaymentToken__factory.createInterface();

export const factoryInterface: Interface = ModelLaunchFactory__factory.createInterface();

export const interfaces: readonly Interface[] = [governorInterface, timelockInterface, tokenInterface, registryInterface, factoryInterface];

/** A launched model's DAO. */
export interface DaoRecord {
  model: bigint;
  slug: string;
  /** How sentences name it: the model's slug, or "the protocol". */
  name: string;
  token: string;
  governor: string;
  timelock: string;
  /** The model's sale, whose end opens proposals; none for the protocol DAO. */
  sale?: string;
}

export function read<T>(action: () => Promise<T>): Promise<T> {
  return withDecodedReverts(interfaces, action);
}

/** The name that stands for the protocol DAO (the launch factory's owner) wherever a model's slug is taken. */
export const PROTOCOL_DAO = "protocol";

export async function findDao(context: ProtocolContext, model: ModelRef): Promise<DaoRecord> {
  if (model === PROTOCOL_DAO) {
    const contracts = context.deployment?.contracts;
    if (!contracts?.ProtocolGovernor || !contracts.ProtocolTimelock || !contracts.ProtocolToken) {
      throw new SdkError("This deployment has no protocol DAO (ProtocolToken, ProtocolGovernor, ProtocolTimelock).", {
        details: "Redeploy the protocol with `protocol deploy`, or name a launched model's slug.",
      });
    }
    return {
      model: 0n,
      slug: PROTOCOL_DAO,
      name: "the protocol",
      token: contracts.ProtocolToken.address,
      governor: contracts.ProtocolGovernor.address,
      timelock: contracts.ProtocolTimelock.address,
    };
  }
  const info = await getModel(context, model);
  const launch = await read(() => context.factory.launchOf(info.id));
  if (launch.governor === ZeroAddress) {
    throw new OfferingNotFoundError(`${info.slug} (model #${info.id}) has not been launched: it has no DAO.`);
  }
  return {
    model: info.id,
    slug: info.slug,
    name: info.slug,
    token: launch.token,
    governor: launch.governor,
    timelock: launch.timelock,
    sale: launch.offering,
  };
}

export { address, optionalSignerAddress, signerAddress } from "../transactions.js";

export function send(context: ProtocolContext, transaction: ContractTransaction, what: string): Promise<TransactionReceipt> {
  return sendTransaction(context, transaction, what, read);
}

/**
 * When the DAO takes proposals: from its sale's end, or at once if the sale was cancelled before it started.
 * `open` is whether it does now; `at` is the sale's end (undefined for the protocol DAO, which has no sale).
 */
export async function proposalsOpen(context: ProtocolContext, dao: DaoRecord, now: number): Promise<{ open: boolean; at?: Date }> {
  if (!dao.sale) return { open: true };
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const [end, status] = await read(() => Promise.all([governor.saleEnd(), ModelOffering__factory.connect(dao.sale!, context.runner).status()]));
  // Status 6 is Cancelled: a sale cancelled before it started has no buyers to wait for.
  return { open: now >= Number(end) || Number(status) === 6, at: new Date(Number(end) * 1000) };
}

/** The chain's time now, as the token's timestamp clock counts it (the latest block's timestamp). */
export async function chainNow(context: ProtocolContext): Promise<number> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Governance reads need a provider: connect the client to one.");
  const block = await provider.getBlock("latest");
  return block!.timestamp;
}
