import { getAddress, isAddress, type ContractTransaction, type Signer, type TransactionReceipt } from "ethers";

import type { ProtocolContext } from "./context.js";
import { SdkError } from "./errors.js";

// What every module's writes share: finding the signer, checking addresses given as text, and sending a built
// transaction with its reverts decoded through the module's own contract interfaces.

/** The runner's address when it can sign, else undefined (a provider reads only). */
export async function optionalSignerAddress(context: ProtocolContext): Promise<string | undefined> {
  const signer = context.runner as Partial<Signer>;
  return typeof signer.getAddress === "function" ? getAddress(await signer.getAddress()) : undefined;
}

/** The runner's address; `what` (e.g. "Buying") needs a signer, and the error says so. */
export async function signerAddress(context: ProtocolContext, what: string): Promise<string> {
  const found = await optionalSignerAddress(context);
  if (!found) throw new SdkError(`${what} needs a signer: connect the client to one.`);
  return found;
}

/** `value` as a checksummed address; `what` names the parameter in the error. */
export function address(value: string, what: string): string {
  if (!isAddress(value)) throw new SdkError(`"${value}" is not an address (${what}).`);
  return getAddress(value);
}

/**
 * Sends `transaction` with the context's signer and waits for its receipt; `decode` turns a revert into the
 * module's named error (each module decodes through the interfaces of the contracts it calls).
 */
export async function sendTransaction(
  context: ProtocolContext,
  transaction: ContractTransaction,
  what: string,
  decode: <T>(action: () => Promise<T>) => Promise<T>,
): Promise<TransactionReceipt> {
  const runner = context.runner;
  if (!runner.sendTransaction) throw new SdkError(`${what} needs a signer: connect the client to one.`);
  return decode(async () => {
    const response = await runner.sendTransaction!(transaction);
    const receipt = await response.wait();
    if (!receipt) throw new SdkError(`Transaction ${response.hash} was dropped before it was mined.`);
    return receipt;
  });
}
