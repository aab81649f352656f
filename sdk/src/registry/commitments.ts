import path from "node:path";

import {
  AbiCoder,
  getAddress,
  hexlify,
  keccak256,
  randomBytes,
  type ContractTransaction,
  type TransactionReceipt,
} from "ethers";

import { SdkError } from "../errors.js";
import { cidToBytes } from "../ipfs/cid.js";
import { signerAddress } from "../module.js";
import { secretStore } from "../store.js";
import { CommitmentNotFoundError, CommitmentStoreError, RegistryCommitmentTooNewError } from "./errors.js";
import { io, registryAddress, resolveCard } from "./internal.js";
import { getModel } from "./reads.js";
import type { ModelView, RegistryContext, WriteResult } from "./types.js";
import type { PreparedRegisterModel, RegisterModelParameters } from "./writes.js";

// Registration by commitment, as ENS registers names: commit to a hash of the slug, its owner and a secret; a
// minute later, reveal. The slug is not public until the reveal, and one-step registration is closed while any
// commitment is pending, so nobody who sees the reveal can take the slug first.
//
// The secret is what makes the commitment unguessable, and the reveal needs it: it is kept on disk between the
// two steps, in `.registry/commitments.json` in the working directory unless `REGISTRY_COMMITMENTS_FILE` or the
// action's `commitmentsFile` names another file, written atomically and readable by its owner only.

/** The commitments file's path relative to the working directory, unless `REGISTRY_COMMITMENTS_FILE` names another. */
export const DEFAULT_COMMITMENTS_FILE = path.join(".registry", "commitments.json");

/**
 * The registration commitments file used when an action is not given one: `REGISTRY_COMMITMENTS_FILE`, else
 * `.registry/commitments.json` in the working directory.
 *
 * @example
 * import { commitmentsFile } from "open-model-registry/sdk";
 * console.log(commitmentsFile()); // ".registry/commitments.json"
 */
export function commitmentsFile(file?: string): string {
  return file || process.env.REGISTRY_COMMITMENTS_FILE || DEFAULT_COMMITMENTS_FILE;
}

/**
 * The commitment the registry expects for `slug`, `owner` and `secret`: `keccak256(abi.encode(slug, owner,
 * secret))`. Computed locally: asking a node would send it the secret.
 *
 * @example
 * import { registrationCommitment } from "open-model-registry/sdk";
 * const commitment = registrationCommitment("my-model", "0xf39F...", secret);
 */
export function registrationCommitment(slug: string, owner: string, secret: string): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(["string", "address", "bytes32"], [slug, getAddress(owner), secret]),
  );
}

/** One registration commitment waiting for its reveal, with what the reveal needs. */
export interface StoredRegistrationCommitment {
  chainId: number;
  /** The registry. */
  registry: string;
  slug: string;
  /** The account that will own the model: only it can reveal. */
  owner: string;
  /** 32 bytes, hex: keep it secret until the reveal. */
  secret: string;
  commitment: string;
  /** Unix seconds of the commitment on chain; 0 until it is mined. */
  committedAt: number;
  /** From when it can be revealed, and until when (unix seconds); 0 until it is mined. */
  revealableAt: number;
  expiresAt: number;
  transaction: string;
  /** When it was written, ISO 8601. */
  createdAt: string;
}

/** Parameters of {@link commitRegistration} and {@link prepareCommitRegistration}. */
export interface CommitRegistrationParameters {
  slug: string;
  /** Who will own the model (and must send the reveal); the signer by default. */
  owner?: string;
  /** Where the secret is kept (see {@link commitmentsFile}). */
  commitmentsFile?: string;
}

/** What {@link prepareCommitRegistration} returns: the transaction, and the secret and commitment to keep. */
export interface PreparedCommitRegistration {
  transaction: ContractTransaction;
  owner: string;
  secret: string;
  commitment: string;
}

/**
 * Builds a registration commitment with a fresh secret, without sending it or keeping the secret: the caller
 * keeps `secret` and reveals with {@link prepareRegisterCommitted} a minute to a day after it is mined.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction, secret } = await client.registry.prepareCommitRegistration({ slug: "my-model", owner: safe });
 */
export async function prepareCommitRegistration(
  context: RegistryContext,
  params: CommitRegistrationParameters,
): Promise<PreparedCommitRegistration> {
  const owner = params.owner ? getAddress(params.owner) : await signerAddress(context, "Committing a registration");
  const secret = hexlify(randomBytes(32));
  const commitment = registrationCommitment(params.slug, owner, secret);
  const transaction = await context.registry.commitRegistration.populateTransaction(commitment);
  return { transaction, owner, secret, commitment };
}

/**
 * Commits to registering `slug` without showing it: keeps a fresh secret in the commitments file (before
 * anything is sent, so that it cannot be lost), sends the commitment, and records when it can be revealed.
 * Reveal with {@link registerCommitted}, from a minute to a day later.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.registry.commitRegistration({ slug: "my-model" });
 * console.log(`reveal from ${new Date(result.revealableAt * 1000)}`);
 */
export async function commitRegistration(
  context: RegistryContext,
  params: CommitRegistrationParameters,
): Promise<WriteResult<StoredRegistrationCommitment> & { file: string }> {
  const file = commitmentsFile(params.commitmentsFile);
  const prepared = await prepareCommitRegistration(context, params);
  const entry: StoredRegistrationCommitment = {
    chainId: await chainIdOf(context),
    registry: getAddress(await registryAddress(context)),
    slug: params.slug,
    owner: prepared.owner,
    secret: prepared.secret,
    commitment: prepared.commitment,
    committedAt: 0,
    revealableAt: 0,
    expiresAt: 0,
    transaction: "",
    createdAt: new Date().toISOString(),
  };
  await saveRegistrationCommitment(file, entry);
  let receipt: TransactionReceipt;
  try {
    receipt = await io.send(context, prepared.transaction, "Committing a registration");
  } catch (error) {
    // Refused: nothing was committed, so the secret is of no use.
    await removeRegistrationCommitment(file, entry.commitment);
    throw error;
  }
  const event = io.findEvent(receipt, await registryAddress(context), "RegistrationCommitted");
  const revealableAt = Number(event.args.revealableAt);
  const expiresAt = Number(event.args.expiresAt);
  const minimumAge = Number(await context.registry.MIN_COMMITMENT_AGE());
  const final: StoredRegistrationCommitment = {
    ...entry,
    committedAt: revealableAt - minimumAge,
    revealableAt,
    expiresAt,
    transaction: receipt.hash,
  };
  await saveRegistrationCommitment(file, final);
  return { receipt, result: final, file };
}

/** Parameters of {@link registerCommitted}. */
export interface RegisterCommittedParameters extends RegisterModelParameters {
  /** The commitments file the secret was kept in (see {@link commitmentsFile}). */
  commitmentsFile?: string;
  /**
   * How to wait until the commitment can be revealed, when it cannot yet: by default the SDK waits, watching the
   * chain's clock and the wall clock; `false` refuses instead. Tests on a local chain move its clock here.
   */
  wait?: false | ((revealableAt: number) => Promise<void>);
  /** Told when the SDK starts waiting, with the time the reveal becomes possible. */
  onWait?: (revealableAt: Date) => void;
}

/**
 * Builds the reveal of a commitment made with `secret` for `slug` by the signer, without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.registry.prepareRegisterCommitted({ slug: "my-model", license: "MIT", card, secret });
 */
export async function prepareRegisterCommitted(
  context: RegistryContext,
  params: RegisterModelParameters & { secret: string },
): Promise<PreparedRegisterModel> {
  const metadataCid = await resolveCard(context, params);
  const transaction = await context.registry.registerCommitted.populateTransaction(
    params.slug,
    cidToBytes(metadataCid),
    params.license,
    params.secret,
  );
  return { transaction, metadataCid };
}

/**
 * Registers `slug` by revealing the signer's commitment for it, with the secret kept by
 * {@link commitRegistration}: waits first when the commitment is less than a minute old (see `wait`), uploads the
 * model card, and forgets the secret once the model is registered.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.registry.commitRegistration({ slug: "my-model" });
 * const { result } = await client.registry.registerCommitted({ slug: "my-model", license: "MIT", card: { name: "My model" } });
 */
export async function registerCommitted(
  context: RegistryContext,
  params: RegisterCommittedParameters,
): Promise<WriteResult<ModelView>> {
  const file = commitmentsFile(params.commitmentsFile);
  const owner = await signerAddress(context, "Registering");
  const entry = await findRegistrationCommitment(context, file, params.slug, owner);
  const committedAt = Number(await context.registry.commitmentTime(entry.commitment));
  if (committedAt === 0) {
    await removeRegistrationCommitment(file, entry.commitment);
    throw new CommitmentNotFoundError(
      `The commitment kept for "${params.slug}" is not pending on chain: it was revealed or cleared, or never mined. Commit again.`,
    );
  }
  const revealableAt = committedAt + Number(await context.registry.MIN_COMMITMENT_AGE());
  const prepared = await prepareRegisterCommitted(context, { ...params, secret: entry.secret });
  const reveal = () => io.send(context, prepared.transaction, "Registering");
  let receipt: TransactionReceipt;
  if ((await chainTime(context)) < revealableAt && params.wait !== false) {
    params.onWait?.(new Date(revealableAt * 1000));
    await (params.wait || ((until: number) => waitForChainTime(context, until)))(revealableAt);
  }
  try {
    receipt = await reveal();
  } catch (error) {
    // The chain's next block may still be a little early: wait for it once more, then give up.
    if (!(error instanceof RegistryCommitmentTooNewError) || params.wait === false) throw error;
    await (params.wait || ((until: number) => waitForChainTime(context, until + 1)))(revealableAt);
    receipt = await reveal();
  }
  await removeRegistrationCommitment(file, entry.commitment);
  const event = io.findEvent(receipt, await registryAddress(context), "ModelRegistered");
  return { receipt, result: await getModel(context, event.args.model as bigint) };
}

/** Parameters of {@link clearCommitment}. */
export interface ClearCommitmentParameters {
  commitment: string;
}

/**
 * Builds the clearing of an expired commitment without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.registry.prepareClearCommitment({ commitment });
 */
export async function prepareClearCommitment(
  context: RegistryContext,
  params: ClearCommitmentParameters,
): Promise<ContractTransaction> {
  return context.registry.clearCommitment.populateTransaction(params.commitment);
}

/**
 * Clears a commitment that expired without being revealed (anyone may), so that it no longer holds one-step
 * registrations back.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.registry.clearCommitment({ commitment });
 */
export async function clearCommitment(
  context: RegistryContext,
  params: ClearCommitmentParameters,
): Promise<WriteResult<string>> {
  const receipt = await io.send(context, await prepareClearCommitment(context, params), "Clearing a commitment");
  return { receipt, result: params.commitment };
}

/**
 * The commitments kept in `file` for this registry and chain, oldest first (an empty list when the file does
 * not exist).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const kept = await client.registry.readRegistrationCommitments();
 */
export async function readRegistrationCommitments(
  context: RegistryContext,
  file?: string,
): Promise<StoredRegistrationCommitment[]> {
  const [chainId, registry] = await Promise.all([chainIdOf(context), context.registry.getAddress()]);
  return (await store.read(commitmentsFile(file))).filter(
    (entry) => entry.chainId === chainId && getAddress(entry.registry) === getAddress(registry),
  );
}

// ------------------------------------------------------------------------------------------- helpers

async function findRegistrationCommitment(
  context: RegistryContext,
  file: string,
  slug: string,
  owner: string,
): Promise<StoredRegistrationCommitment> {
  const kept = (await readRegistrationCommitments(context, file)).filter(
    (entry) => entry.slug === slug && getAddress(entry.owner) === owner,
  );
  const entry = kept.at(-1);
  if (!entry) {
    throw new CommitmentNotFoundError(`No commitment to register "${slug}" for ${owner} is kept in ${file}.`, {
      details:
        "Commit first (model register --commit-reveal does both steps), or name the file the secret was kept in.",
    });
  }
  return entry;
}

/**
 * Waits until the chain's clock reaches `until`: watches the latest block's time, and the wall clock for chains
 * that make blocks only when sent a transaction (the next one is then stamped with the time it is sent).
 */
async function waitForChainTime(context: RegistryContext, until: number): Promise<void> {
  const started = Date.now();
  const remaining = until - (await chainTime(context));
  while (remaining > 0 && (Date.now() - started) / 1000 < remaining + 1) {
    if ((await chainTime(context)) >= until) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function chainTime(context: RegistryContext): Promise<number> {
  const block = await context.runner.provider?.getBlock("latest");
  if (!block) throw new SdkError("Registration needs a provider: connect the client to one.");
  return block.timestamp;
}

async function chainIdOf(context: RegistryContext): Promise<number> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Registration needs a provider: connect the client to one.");
  return Number((await provider.getNetwork()).chainId);
}

// The secrets, kept between the commitment and its reveal.
const store = secretStore<StoredRegistrationCommitment>({
  kind: "commitments file",
  list: "commitments",
  lost: "the secret would be lost",
  error: CommitmentStoreError,
});

/** Adds (or replaces) a commitment in the file. */
function saveRegistrationCommitment(file: string, entry: StoredRegistrationCommitment): Promise<void> {
  return store.update(file, (entries) => [...entries.filter((other) => other.commitment !== entry.commitment), entry]);
}

function removeRegistrationCommitment(file: string, commitment: string): Promise<void> {
  return store.update(file, (entries) => {
    const left = entries.filter((entry) => entry.commitment !== commitment);
    return left.length === entries.length ? undefined : left;
  });
}
