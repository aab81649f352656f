import {
  getAddress,
  isAddress,
  type ContractRunner,
  type ContractTransaction,
  type Interface,
  type LogDescription,
  type Signer,
  type TransactionReceipt,
} from "ethers";

import { decodeRevert, SdkError, SignerRequiredError, withDecodedReverts } from "./errors.js";

// What every module's actions share to talk to their contracts: who is acting (the signer, or an account given as
// text), reads and sends whose reverts are decoded through the module's contract interfaces, and the events a
// receipt carries. Internal to the SDK: each module builds its own `ModuleIo` from the interfaces it decodes with.

/** What the helpers need of a context: the runner (a Signer to write, a Provider to read). */
export interface RunnerContext {
  runner: ContractRunner;
}

/** The runner's address when it can sign, else undefined (a provider reads only). */
export async function optionalSignerAddress(context: RunnerContext): Promise<string | undefined> {
  const signer = context.runner as Partial<Signer>;
  return typeof signer.getAddress === "function" ? getAddress(await signer.getAddress()) : undefined;
}

/** The runner's address; `what` (e.g. "Buying") needs a signer, and the error says so. */
export async function signerAddress(context: RunnerContext, what: string): Promise<string> {
  const found = await optionalSignerAddress(context);
  if (!found) throw new SignerRequiredError(what);
  return found;
}

/** `value` as a checksummed address; `what` names the parameter in the error. */
export function address(value: string, what: string): string {
  if (!isAddress(value)) throw new SdkError(`"${value}" is not an address (${what}).`);
  return getAddress(value);
}

/** The address given (checked, `name` naming the parameter in the error), or `fallback` when none is. */
export function addressOr(given: string | undefined, fallback: string, name: string): string {
  return given === undefined ? fallback : address(given, name);
}

/**
 * The account given (checked, `name` naming the parameter in the error), or the signer's when none is: `what`
 * (e.g. "Settling") then needs a signer.
 */
export async function accountOrSigner(
  context: RunnerContext,
  given: string | undefined,
  what: string,
  name = "account",
): Promise<string> {
  return given === undefined ? signerAddress(context, what) : address(given, name);
}

/** A module's reads and writes, with reverts decoded through the interfaces of the contracts it calls. */
export interface ModuleIo {
  /** Runs a read (or any call) and rethrows a revert as the module's named error. */
  read<T>(action: () => Promise<T>): Promise<T>;
  /** Sends a built transaction with the context's signer and waits for its receipt; `what` names it in errors. */
  send(context: RunnerContext, transaction: ContractTransaction, what: string): Promise<TransactionReceipt>;
  /** Sends `transactions` in order: the last is the action, any before it an approval. */
  sendAll(
    context: RunnerContext,
    transactions: readonly ContractTransaction[],
    what: string,
  ): Promise<{ receipt: TransactionReceipt; approval?: TransactionReceipt }>;
  /** Every event `name` that `emitter` logged in the receipt, in log order. */
  findEvents(receipt: TransactionReceipt, emitter: string, name: string): LogDescription[];
  /** The first event `name` that `emitter` logged in the receipt; a succeeded transaction without it is an error. */
  findEvent(receipt: TransactionReceipt, emitter: string, name: string): LogDescription;
  /**
   * The module's named error for its contracts' custom error `name`, raised by the SDK itself before anything is
   * sent (so that the refusal reads as the contract's own).
   */
  revert(name: string, args: readonly unknown[]): unknown;
}

/**
 * The I/O of a module whose actions reach the contracts of `interfaces`: a revert from any of them is decoded to
 * its named error, and events are read with them.
 */
export function moduleIo(interfaces: readonly Interface[]): ModuleIo {
  const read = <T>(action: () => Promise<T>): Promise<T> => withDecodedReverts(interfaces, action);
  const send = async (
    context: RunnerContext,
    transaction: ContractTransaction,
    what: string,
  ): Promise<TransactionReceipt> => {
    const runner = context.runner;
    if (!runner.sendTransaction) throw new SignerRequiredError(what);
    return read(async () => {
      const response = await runner.sendTransaction!(transaction);
      const receipt = await response.wait();
      if (!receipt) throw new SdkError(`Transaction ${response.hash} was dropped before it was mined.`);
      return receipt;
    });
  };
  const findEvents = (receipt: TransactionReceipt, emitter: string, name: string): LogDescription[] => {
    const from = getAddress(emitter);
    const found: LogDescription[] = [];
    for (const log of receipt.logs) {
      if (getAddress(log.address) !== from) continue;
      const parsed = parseLog(interfaces, log);
      if (parsed?.name === name) found.push(parsed);
    }
    return found;
  };
  return {
    read,
    send,
    async sendAll(context, transactions, what) {
      let approval: TransactionReceipt | undefined;
      for (const transaction of transactions.slice(0, -1)) approval = await send(context, transaction, what);
      return { receipt: await send(context, transactions.at(-1)!, what), approval };
    },
    findEvents,
    findEvent(receipt, emitter, name) {
      const [found] = findEvents(receipt, emitter, name);
      if (!found) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no ${name} event.`);
      return found;
    },
    revert(name, args) {
      const iface = interfaces.find((candidate) => candidate.getError(name) !== null);
      if (!iface) throw new SdkError(`No contract of this module has the error ${name}.`);
      return decodeRevert({ code: "CALL_EXCEPTION", data: iface.encodeErrorResult(name, args) }, interfaces);
    },
  };
}

/** A log as the first of `interfaces` that knows its event reads it, or null when none does. */
function parseLog(interfaces: readonly Interface[], log: TransactionReceipt["logs"][number]): LogDescription | null {
  for (const iface of interfaces) {
    try {
      const parsed = iface.parseLog(log);
      if (parsed) return parsed;
    } catch {
      // Same topic, other layout (an ERC-721 Transfer read as an ERC-20 one): the next interface may know it.
    }
  }
  return null;
}
