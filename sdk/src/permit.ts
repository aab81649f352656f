import {
  getAddress,
  Signature,
  TypedDataEncoder,
  type ContractTransaction,
  type Signer,
  type TypedDataDomain,
} from "ethers";

import { ModelToken__factory, type IPaymentToken } from "./contracts.js";
import type { ProtocolContext } from "./context.js";

// EIP-2612 permits, signed off chain so that an ERC-20 payment needs one transaction instead of an approval
// and a transfer. Sales and revenue deposits share this: both take a permit when the token has one and fall
// back to an approval when it does not.

/** How long a permit signed by the SDK (a purchase, a revenue deposit) stays valid unless told otherwise: one hour. */
export const PERMIT_TTL_SECONDS = 3600;

/** An EIP-2612 permit signature, split as `permit(...)` and the `...WithPermit` functions take it. */
export interface PermitSignature {
  deadline: bigint;
  v: number;
  r: string;
  s: string;
}

/** Parameters of {@link signPermit}. */
export interface SignPermitParameters {
  /** The ERC-20 to spend. */
  token: IPaymentToken;
  /** Whose tokens: must be the runner's address, since the runner signs. */
  owner: string;
  /** Who may spend them (the sale, the model token). */
  spender: string;
  value: bigint;
  /** Seconds the permit stays valid, counted from the chain's latest block. */
  ttl: number;
}

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/**
 * Signs an EIP-2612 permit with the context's runner, or returns undefined when the token has no permit, the
 * runner cannot sign typed data or is not the owner, or the token's EIP-712 domain cannot be rebuilt to match
 * its `DOMAIN_SEPARATOR` (a signature made anyway would be refused on chain).
 *
 * @example
 * import { IPaymentToken__factory, signPermit } from "open-model-registry/sdk";
 * const token = IPaymentToken__factory.connect(usdc, signer);
 * const permit = await signPermit(context, { token, owner: await signer.getAddress(), spender, value: 10n ** 6n, ttl: 3600 });
 * if (permit) await sale.depositWithPermit(10n ** 6n, permit.deadline, permit.v, permit.r, permit.s, []);
 */
export async function signPermit(
  context: ProtocolContext,
  params: SignPermitParameters,
): Promise<PermitSignature | undefined> {
  const { token, owner, spender, value, ttl } = params;
  const signer = context.runner as Partial<Signer>;
  if (typeof signer.signTypedData !== "function" || typeof signer.getAddress !== "function") return undefined;
  if (getAddress(await signer.getAddress()) !== getAddress(owner)) return undefined;
  const provider = context.runner.provider;
  if (!provider) return undefined;
  let nonce: bigint;
  let separator: string;
  try {
    [nonce, separator] = await Promise.all([token.nonces(owner), token.DOMAIN_SEPARATOR()]);
  } catch {
    return undefined;
  }
  const verifyingContract = await token.getAddress();
  const [domain, latest] = await Promise.all([
    permitDomain(token, verifyingContract, (await provider.getNetwork()).chainId),
    provider.getBlock("latest"),
  ]);
  if (!domain || TypedDataEncoder.hashDomain(domain) !== separator) return undefined;
  const deadline = BigInt((latest?.timestamp ?? Math.floor(Date.now() / 1000)) + ttl);
  const signature = Signature.from(
    await signer.signTypedData(domain, PERMIT_TYPES, { owner, spender, value, nonce, deadline }),
  );
  return { deadline, v: signature.v, r: signature.r, s: signature.s };
}

/** The token's EIP-712 domain: from ERC-5267's `eip712Domain()` when it has it, else name + version "1". */
async function permitDomain(
  token: IPaymentToken,
  verifyingContract: string,
  chainId: bigint,
): Promise<TypedDataDomain | undefined> {
  try {
    const reported = ModelToken__factory.connect(verifyingContract, token.runner);
    const [, name, version, domainChainId, contract] = await reported.eip712Domain();
    return { name, version, chainId: domainChainId, verifyingContract: contract };
  } catch {
    try {
      return { name: await token.name(), version: "1", chainId, verifyingContract };
    } catch {
      return undefined;
    }
  }
}

/** How a payment in an ERC-20 is made, for the actions that take one (a purchase, a revenue deposit). */
export interface Erc20PaymentOptions {
  /** Pay an ERC-20 with an EIP-2612 permit when the token has one (the default), or always approve. */
  permit?: boolean;
  /** Seconds the permit stays valid, counted from the chain's latest block; `PERMIT_TTL_SECONDS` by default. */
  permitTtl?: number;
  /**
   * The payer; the signer by default. With a read-only runner the transactions are built for this account
   * (an approval when needed, then the payment), for a multisig or a hardware wallet to send.
   */
  account?: string;
}

/** Parameters of {@link prepareErc20Payment}. */
export interface PrepareErc20PaymentParameters {
  /** The ERC-20 paid with. */
  token: IPaymentToken;
  /** Who pays. */
  owner: string;
  /** The contract that takes the payment (the sale, the model token). */
  spender: string;
  amount: bigint;
  /** The payer's current allowance to `spender`. */
  allowance: bigint;
  /** Try a permit first (the default), or always approve. */
  permit?: boolean;
  /** Seconds a permit stays valid; {@link PERMIT_TTL_SECONDS} by default. */
  permitTtl?: number;
  /** Builds the call that pays with a permit. */
  withPermit: (permit: PermitSignature) => Promise<ContractTransaction>;
  /** Builds the call that pays from the allowance. */
  fromAllowance: () => Promise<ContractTransaction>;
}

/**
 * The transactions that pay `amount` of an ERC-20 to a contract: one call with a freshly signed EIP-2612 permit
 * when the allowance is short and the token and runner allow it, else an approval when the allowance is short,
 * then the call.
 *
 * @example
 * import { prepareErc20Payment } from "open-model-registry/sdk";
 * const { transactions, method } = await prepareErc20Payment(context, {
 *   token, owner, spender: sale, amount, allowance,
 *   withPermit: (p) => offering.depositWithPermit.populateTransaction(amount, p.deadline, p.v, p.r, p.s, []),
 *   fromAllowance: () => offering.deposit.populateTransaction(amount, []),
 * });
 */
export async function prepareErc20Payment(
  context: ProtocolContext,
  params: PrepareErc20PaymentParameters,
): Promise<{ transactions: ContractTransaction[]; method: "deposit" | "depositWithPermit" }> {
  const { token, owner, spender, amount, allowance } = params;
  if (allowance < amount && params.permit !== false) {
    const permit = await signPermit(context, {
      token,
      owner,
      spender,
      value: amount,
      ttl: params.permitTtl ?? PERMIT_TTL_SECONDS,
    });
    if (permit) return { transactions: [await params.withPermit(permit)], method: "depositWithPermit" };
  }
  const transactions: ContractTransaction[] = [];
  if (allowance < amount) transactions.push(await token.approve.populateTransaction(spender, amount));
  transactions.push(await params.fromAllowance());
  return { transactions, method: "deposit" };
}
