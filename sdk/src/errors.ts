import { type ErrorDescription, type Interface, isCallException, type Result } from "ethers";

/**
 * Base of every error the SDK throws: a one-line `shortMessage` for people, optional `details`, and the
 * underlying `cause`, so nothing the chain or IPFS said is lost.
 *
 * @example
 * import { createClient, readDeployment, SdkError } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * try { await client.registry.registerModel({ slug: "my-model", license: "MIT", card: { name: "My model" } }); }
 * catch (error) { if (error instanceof SdkError) console.error(error.shortMessage); }
 */
export class SdkError extends Error {
  readonly shortMessage: string;
  readonly details?: string;

  constructor(shortMessage: string, options: { cause?: unknown; details?: string } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, { cause: options.cause });
    // Every subclass reports its own name ("RegistrySlugTakenError", "IpfsError"...), with no field to restate it.
    this.name = new.target.name;
    this.shortMessage = shortMessage;
    this.details = options.details;
  }

  /**
   * Walks the cause chain and returns the innermost error, or the first one `predicate` accepts.
   *
   * @example
   * import { SdkError } from "open-model-registry/sdk";
   * const root = new SdkError("outer", { cause: new Error("inner") }).walk(); // Error("inner")
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this;
    for (;;) {
      if (predicate?.(current)) return current;
      const next = current instanceof Error ? current.cause : undefined;
      if (next === undefined) return predicate ? undefined : current;
      current = next;
    }
  }
}

/** A write was asked of a client whose runner cannot sign (a Provider): `what` names the write ("Buying"). */
export class SignerRequiredError extends SdkError {
  constructor(what: string) {
    super(`${what} needs a signer: connect the client to one.`);
  }
}

/**
 * A transaction or call reverted with one of the protocol's custom errors. `errorName` and `args` are the
 * decoded error; the message says in words what went wrong. Each custom error has its own subclass (for
 * example {@link RegistrySlugTakenError}), so callers can `instanceof` the case they handle.
 *
 * @example
 * import { ContractRevertError } from "open-model-registry/sdk";
 * if (error instanceof ContractRevertError && error.errorName === "RegistrySlugTaken") suggestAnotherSlug();
 */
export class ContractRevertError extends SdkError {
  readonly errorName: string;
  readonly args: Result;
  readonly selector: string;

  constructor(description: ErrorDescription, message: string, cause?: unknown) {
    super(message, { cause, details: `${description.name}(${formatArgs(description.args)})` });
    this.errorName = description.name;
    this.args = description.args;
    this.selector = description.selector;
  }
}

/**
 * A transaction reverted without a reason the SDK can decode (out of gas, a panic, an unknown contract).
 *
 * @example
 * import { UnknownRevertError } from "open-model-registry/sdk";
 * if (error instanceof UnknownRevertError) console.error(error.data);
 */
export class UnknownRevertError extends SdkError {
  readonly data?: string;

  constructor(message: string, data: string | undefined, cause: unknown) {
    super(message, { cause, details: data ? `revert data ${data}` : undefined });
    this.data = data;
  }
}

/** Describes a decoded custom error in words. */
export type RevertMessage = (args: Result) => string;

/** A custom error's SDK class: built from the decoded error and its message. */
export type RevertErrorClass = new (
  description: ErrorDescription,
  message: string,
  cause?: unknown,
) => ContractRevertError;

interface RevertEntry {
  readonly errorClass: RevertErrorClass;
  readonly message: RevertMessage;
}

const registryOfReverts = new Map<string, RevertEntry>();

/**
 * Declares how the SDK reports the custom error `name`: the class it throws and the sentence it says.
 * Each contract module registers its errors once at load.
 *
 * @example
 * import { ContractRevertError, defineRevert } from "open-model-registry/sdk";
 * class MyError extends ContractRevertError {}
 * defineRevert("MyError", MyError, (args) => `my error with ${args[0]}`);
 */
export function defineRevert(name: string, errorClass: RevertErrorClass, message: RevertMessage): void {
  registryOfReverts.set(name, { errorClass, message });
}

/** The names of every custom error the SDK knows how to report. */
export function knownRevertNames(): string[] {
  return [...registryOfReverts.keys()];
}

/**
 * Turns whatever a contract call threw into an SDK error: a named {@link ContractRevertError} subclass when
 * the revert data matches a custom error in one of `interfaces`, an {@link UnknownRevertError} for other
 * reverts, and the error unchanged when it is not a revert at all (a network failure, a user rejection).
 *
 * @example
 * import { decodeRevert } from "open-model-registry/sdk";
 * import { ModelRegistry__factory } from "open-model-registry/types";
 * try { await registry.register(slug, cid, license); }
 * catch (error) { throw decodeRevert(error, [ModelRegistry__factory.createInterface()]); }
 */
export function decodeRevert(error: unknown, interfaces: readonly Interface[]): unknown {
  if (error instanceof SdkError) return error;
  const data = revertData(error);
  if (data === undefined) return error;
  for (const iface of interfaces) {
    let description: ErrorDescription | null = null;
    try {
      description = iface.parseError(data);
    } catch {
      description = null;
    }
    if (!description) continue;
    if (description.name === "Error" || description.name === "Panic") break;
    const entry = registryOfReverts.get(description.name);
    if (entry) return new entry.errorClass(description, entry.message(description.args), error);
    return new ContractRevertError(description, `The contract refused the call: ${description.name}.`, error);
  }
  const reason = isCallException(error) && error.reason ? `: ${error.reason}` : "";
  return new UnknownRevertError(`The transaction reverted${reason}.`, data, error);
}

/**
 * Runs `action` and rethrows any revert as a decoded SDK error.
 *
 * @example
 * import { withDecodedReverts } from "open-model-registry/sdk";
 * const info = await withDecodedReverts([registry.interface], () => registry.getModel(1n));
 */
export async function withDecodedReverts<T>(interfaces: readonly Interface[], action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw decodeRevert(error, interfaces);
  }
}

function revertData(error: unknown): string | undefined {
  // ethers puts revert data on CallExceptionError.data; some providers nest it one or two causes deep.
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current === "object") {
      const data = (current as { data?: unknown }).data;
      if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) return data;
      if (isCallException(current) && data === null) return "0x";
      current = (current as { cause?: unknown; error?: unknown }).error ?? (current as { cause?: unknown }).cause;
    } else {
      return undefined;
    }
  }
  return undefined;
}

function formatArgs(args: Result): string {
  return args.map((value: unknown) => (typeof value === "bigint" ? value.toString() : String(value))).join(", ");
}
