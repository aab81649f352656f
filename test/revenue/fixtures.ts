import type { AddressLike, Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import type { IModelLaunchFactory, IModelToken, ModelToken } from "../../types/typechain/index.js";

// Fixtures shared by the revenue tests that are split by concern (streams, exclusion): tokens made by
// MockTokenLauncher for a model that `dao` registered (so `dao` is each token's DAO and every holder is chosen by
// the test), and a real launch through the factory, with a treasury and a team vesting wallet.

export const NATIVE = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
export const ONE = 10n ** 18n;
export const ETH = (n: number | bigint) => BigInt(n) * ONE;
export const USDC = (n: number | bigint) => BigInt(n) * 10n ** 6n;
export const HOUR = 3_600;
export const DAY = 86_400;
/** A power of two: balances that are multiples of it share deposits without rounding. */
export const U = 2n ** 60n;

type RevenueParams = IModelLaunchFactory.LaunchParamsStruct["revenue"];
type Allocation = IModelToken.AllocationStruct;

export const allocation = (account: { address: string } | string, amount: bigint, forwardsRevenue = false): Allocation => ({
  account: typeof account === "string" ? account : account.address,
  amount,
  forwardsRevenue,
});

export function revenueParams(overrides: Partial<RevenueParams> = {}): RevenueParams {
  return { reserveBps: 0, streamDuration: 0, assets: [], ...overrides };
}

/** 32-byte digest CIDv1 (raw, sha2-256), distinct per label. */
const cid = (connection: NetworkConnection, label: string) =>
  connection.ethers.concat(["0x01551220", connection.ethers.id(label)]);

/** Builders of revenue fixtures on `connection`; wrap them in named functions for `loadFixture`. */
export function revenueFixtures(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;

  async function protocol() {
    const [dao, alice, bob, carol, dave, payer, stranger, recipient] = await ethers.getSigners();
    const registry = await ethers.deployContract("ModelRegistry");
    const implementation = await ethers.deployContract("ModelToken");
    const launcher = await ethers.deployContract("MockTokenLauncher", [implementation]);
    await registry.connect(dao).register("revenue-model", cid(connection, "card"), "MIT");
    const usdc = await ethers.deployContract("MockStablecoin");
    await usdc.mint(payer, USDC(10_000_000_000));
    return { registry, launcher, usdc, dao, alice, bob, carol, dave, payer, stranger, recipient };
  }

  type Protocol = Awaited<ReturnType<typeof protocol>>;

  /** A token for the protocol's model, made and initialised in one transaction; `payer` has approved it for USDC. */
  async function token(p: Protocol, allocations: Allocation[], revenue: Partial<RevenueParams> = {}): Promise<ModelToken> {
    const args = [p.registry, 1n, "Revenue Model", "REV", allocations, revenueParams(revenue)] as const;
    const address = await p.launcher.create.staticCall(...args);
    await p.launcher.create(...args);
    const made = await ethers.getContractAt("ModelToken", address);
    await p.usdc.connect(p.payer).approve(made, ethers.MaxUint256);
    return made;
  }

  /**
   * A launch through the factory: 1M tokens, 300k for sale (ETH), 200k to the treasury (the DAO's timelock),
   * 300k to `lp`, and 200k vesting over a year to `member`; ETH and a stablecoin are revenue.
   */
  async function launch(revenue: Partial<RevenueParams> = {}) {
    const [team, member, lp, payer, stranger] = await ethers.getSigners();
    const deployment = await deployProtocol(connection, { record: false });
    const registry = await ethers.getContractAt("ModelRegistry", deployment.contracts.ModelRegistry.address);
    const factory = await ethers.getContractAt("ModelLaunchFactory", deployment.contracts.ModelLaunchFactory.address);
    const usdc = await ethers.deployContract("MockStablecoin");
    await usdc.mint(payer, USDC(10_000_000));
    await registry.connect(team).register("launched-model", cid(connection, "launched"), "MIT");
    await registry.connect(team).setApprovalForAll(factory, true);
    const start = BigInt((await networkHelpers.time.latest()) + HOUR);
    const params: IModelLaunchFactory.LaunchParamsStruct = {
      model: 1n,
      name: "Launched Model",
      symbol: "LNCH",
      supply: ETH(1_000_000),
      treasuryAmount: ETH(200_000),
      liquidityAmount: ETH(300_000),
      liquidityRecipient: lp.address,
      team: [{ beneficiary: member.address, amount: ETH(200_000), start: start + BigInt(7 * DAY), cliff: 0n, duration: BigInt(365 * DAY) }],
      sale: {
        paymentToken: ethers.ZeroAddress,
        tokensForSale: ETH(300_000),
        price: ONE / 1_000n,
        softCap: ETH(10),
        hardCap: ETH(100),
        walletCap: 0n,
        merkleRoot: ethers.ZeroHash,
        start,
        end: start + BigInt(7 * DAY),
      },
      dao: { votingDelay: BigInt(DAY), votingPeriod: BigInt(DAY), proposalThreshold: 0n, quorumPercent: 4n },
      timelockDelay: BigInt(DAY),
      revenue: revenueParams({ assets: [await usdc.getAddress()], ...revenue }),
    };
    await (await factory.connect(team).launch(params)).wait();
    const record = await factory.launchOf(1n);
    const tokenContract = await ethers.getContractAt("ModelToken", record.token);
    const events = await factory.queryFilter(factory.filters.ModelLaunched());
    const vestingWallet = events[0].args.vestingWallets[0];
    await usdc.connect(payer).approve(tokenContract, ethers.MaxUint256);
    return { token: tokenContract, usdc, treasury: record.timelock, vestingWallet, team, member, lp, payer, stranger };
  }

  /** A signer for `account` (a contract, such as the DAO's timelock), impersonated, with gas money. */
  async function as(account: string): Promise<Signer> {
    await networkHelpers.impersonateAccount(account);
    await networkHelpers.setBalance(account, ETH(10));
    return ethers.getSigner(account);
  }

  return { protocol, token, launch, as };
}

/** What every holder of `token` among `accounts` can claim of `asset`, summed. */
export async function claimableSum(token: ModelToken, asset: AddressLike, accounts: AddressLike[]): Promise<bigint> {
  let sum = 0n;
  for (const account of accounts) sum += await token.claimable(account, asset);
  return sum;
}
