// Gas of revenue sharing in the model token, whole-transaction, on the in-process chain: what sharing adds to
// a transfer over a plain OpenZeppelin ERC20Votes token (with one asset, two assets, a running stream, and
// between delegated holders), deposits, claims, redemption and exclusion, and how transfers, deposits and
// claims grow with the number of holders and deposits (they must not). And how much of a streamed deposit dust
// deposits hold back ({measureStreamDrip}).
import type { NetworkConnection } from "hardhat/types/network";

import { IPaymentToken__factory, ModelToken__factory, type ModelToken } from "../sdk/src/contracts.js";
import { signPermit } from "../sdk/src/index.js";
import { cidN, DAY, NATIVE as NATIVE_ASSET, ONE } from "../test/fixtures/constants.js";
import type { MockStablecoin, PlainVotesToken } from "../types/typechain/index.js";
import { PlainVotesTokenUpgradeable__factory } from "../types/typechain/index.js";
import { benchLaunchParams, benchProtocol } from "./launch.js";
import { gasOf, type GasEntry, type Tx } from "./registry.js";

const USD = 10n ** 6n;
/** What every measured transfer moves: the same calldata on both tokens. */
const VALUE = ONE;
/** Tokens each of the two measured holders starts with: nonzero before and after every measured transfer. */
const HOLDING = 10_000n * ONE;

export async function measureRevenue(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [team, alice, bob, depositor, permitter, staker] = signers;
  const { registry, factory } = await benchProtocol(connection);
  const entries: GasEntry[] = [];

  let models = 0;
  /** Launches a model through the factory; the team receives the liquidity reserve, to hand out to holders. */
  const launch = async (revenue: { reserveBps: number; streamDuration: number; assets: string[] }) => {
    const model = BigInt(++models);
    await (await registry.register(`bench-revenue-${model}`, cidN(model), "MIT")).wait();
    const start = (await networkHelpers.time.latest()) + 100;
    const params = await benchLaunchParams({
      model,
      start,
      team: signers.slice(17, 20),
      treasuryAmount: 200_000n * ONE,
      liquidityAmount: 200_000n * ONE,
      liquidityRecipient: team.address,
      revenue,
    });
    await (await factory.launch(params)).wait();
    const launched = await factory.launchOf(model);
    const token = ModelToken__factory.connect(launched.token, team);
    for (const holder of [alice, bob]) await gasOf(token.transfer(holder.address, HOLDING));
    return { token, timelock: launched.timelock, offering: launched.offering };
  };
  /** Sends the DAO's setExcluded from the model's timelock. */
  const setExcluded = async (token: ModelToken, timelock: string, account: string) => {
    await networkHelpers.impersonateAccount(timelock);
    await networkHelpers.setBalance(timelock, ONE);
    const dao = await ethers.getSigner(timelock);
    const gas = await gasOf(token.connect(dao).setExcluded(account, true));
    await networkHelpers.stopImpersonatingAccount(timelock);
    return gas;
  };
  const delegateBoth = async (token: { connect(s: typeof alice): { delegate(to: string): Tx } }) => {
    for (const holder of [alice, bob]) await gasOf(token.connect(holder).delegate(holder.address));
  };
  /**
   * A contract that cannot claim (standing for a pool) is excluded by the DAO before anyone fills it, and after a
   * `deposit` a holder (standing for a staking contract) excludes its own tokens; then the measured holders
   * delegate. Gives back the gas of both exclusions.
   */
  const excludePoolAndStaker = async (
    launched: Awaited<ReturnType<typeof launch>>,
    deposit: () => Promise<unknown>,
  ) => {
    const { token, timelock, offering } = launched;
    const pool = await ethers.deployContract("EtherRejecter", [offering]);
    const excluded = await setExcluded(token, timelock, await pool.getAddress());
    await gasOf(token.transfer(await pool.getAddress(), 1_000n * ONE));
    await gasOf(token.transfer(staker.address, 1_000n * ONE));
    await deposit();
    const excludedSelf = await gasOf(token.connect(staker).setExcludedSelf(true));
    await delegateBoth(token);
    return { excluded, excludedSelf };
  };
  const usd = (await ethers.deployContract("MockStablecoin")) as unknown as MockStablecoin;

  // The baselines: the same transfer, between the same two holders, of a plain OpenZeppelin 5 ERC20Votes token,
  // deployed the way model tokens are (an ERC-1167 clone, whose delegate call costs 2,600 gas more per call)
  // and directly. Overheads are measured against the clone, so that they are what revenue sharing costs.
  const plain = (await ethers.deployContract("PlainVotesToken", [
    [alice.address, bob.address],
    [HOLDING, HOLDING],
  ])) as unknown as PlainVotesToken;
  const plainTransfer = await gasOf(plain.connect(alice).transfer(bob.address, VALUE));
  await delegateBoth(plain);
  const plainTransferDelegated = await gasOf(plain.connect(alice).transfer(bob.address, VALUE));
  const implementation = await ethers.deployContract("PlainVotesTokenUpgradeable");
  const proxy = `0x3d602d80600a3d3981f3363d3d373d3d3d363d73${(await implementation.getAddress()).slice(2)}5af43d82803e903d91602b57fd5bf3`;
  const created = await (await alice.sendTransaction({ data: proxy })).wait();
  const plainClone = PlainVotesTokenUpgradeable__factory.connect(created!.contractAddress!, alice);
  await gasOf(plainClone.initialize([alice.address, bob.address], [HOLDING, HOLDING]));
  const cloneTransfer = await gasOf(plainClone.connect(alice).transfer(bob.address, VALUE));
  await delegateBoth(plainClone);
  const cloneTransferDelegated = await gasOf(plainClone.connect(alice).transfer(bob.address, VALUE));
  entries.push({ name: "revenue.transfer.plainVotesToken", gas: plainTransfer });
  entries.push({ name: "revenue.transfer.plainVotesToken.delegated", gas: plainTransferDelegated });
  entries.push({ name: "revenue.transfer.plainVotesToken.clone", gas: cloneTransfer });
  entries.push({ name: "revenue.transfer.plainVotesToken.clone.delegated", gas: cloneTransferDelegated });
  /** Records a transfer of the model token, what it costs over the plain clone's, and over the direct token's. */
  const transferEntries = (name: string, gas: number, target?: number) => {
    const delegated = name.endsWith(".delegated");
    const overhead = gas - (delegated ? cloneTransferDelegated : cloneTransfer);
    entries.push({ name: `revenue.transfer.${name}`, gas });
    entries.push({
      name: `revenue.transferOverhead.${name}`,
      gas: overhead,
      ...(target === undefined ? {} : { target }),
    });
    entries.push({
      name: `revenue.transferOverhead.${name}.overDirect`,
      gas: gas - (delegated ? plainTransferDelegated : plainTransfer),
    });
  };

  // ---- ETH only, released at once: the common case, and growth with holders and deposits.
  {
    const launched = await launch({ reserveBps: 0, streamDuration: 0, assets: [] });
    const { token } = launched;
    let holders = 8; // three vesting wallets, the sale, the treasury, the team, alice and bob
    let deposits = 0;
    let n = 0;
    const deposit = () => {
      deposits++;
      return gasOf(token.connect(depositor).depositETH({ value: ONE / 100n }));
    };
    /** Holders who are neither alice nor bob: each receives tokens once revenue exists and claims some of it. */
    const addHolders = async (target: number) => {
      const added: string[] = [];
      for (; holders < target; holders++) {
        const holder = ethers.getAddress(ethers.dataSlice(ethers.id(`bench-holder-${++n}`), 12));
        await gasOf(token.transfer(holder, ONE));
        added.push(holder);
      }
      if (deposits === 0) return;
      await deposit();
      for (const holder of added) await gasOf(token.claimFor(holder, NATIVE_ASSET));
    };
    /** A deposit, alice's claim and a transfer from alice to bob, both of whom have claimed before. */
    const round = async () => {
      const depositGas = await deposit();
      const claimGas = await gasOf(token.connect(alice).claim(NATIVE_ASSET, alice.address));
      await gasOf(token.connect(bob).claim(NATIVE_ASSET, bob.address));
      const transferGas = await gasOf(token.connect(alice).transfer(bob.address, VALUE));
      return {
        deposit: depositGas,
        claim: claimGas,
        transferOverhead: transferGas - cloneTransfer,
        transfer: transferGas,
      };
    };
    const growth = (suffix: string, r: Awaited<ReturnType<typeof round>>) => {
      entries.push({ name: `revenue.transferOverhead.oneAsset.${suffix}`, gas: r.transferOverhead });
      entries.push({ name: `revenue.deposit.eth.${suffix}`, gas: r.deposit });
      entries.push({ name: `revenue.claim.eth.${suffix}`, gas: r.claim });
    };

    await addHolders(10);
    transferEntries("noRevenue", await gasOf(token.connect(alice).transfer(bob.address, VALUE)));
    growth("atDeposits1", await round());
    const typical = await round();
    transferEntries("oneAsset", typical.transfer, 4_000);
    entries.push({
      name: "revenue.deposit.eth",
      gas: typical.deposit,
      target: 28_000,
      shortfall:
        "fixed costs alone are 30,420: 21,064 transaction and calldata, 2,600 for the clone's cold delegate call, " +
        "5,000 to read and write the asset's one word, 1,756 for the event",
    });
    entries.push({
      name: "revenue.claim.eth",
      gas: typical.claim,
      target: 38_000,
      shortfall:
        "fixed costs alone are 40,312: 21,800 transaction and calldata, 2,600 clone call, 7,100 for the holder's " +
        "word (read, write) and the asset's word (read), 6,800 to send ETH, 2,012 event",
    });
    growth("atHolders10", await round());
    for (const count of [100, 1000]) {
      while (deposits < count - 1) await deposit();
      growth(`atDeposits${count}`, await round());
    }
    for (const count of [100, 1000]) {
      await addHolders(count);
      growth(`atHolders${count}`, await round());
    }

    const { excluded, excludedSelf } = await excludePoolAndStaker(launched, deposit);
    entries.push({ name: "revenue.setExcluded", gas: excluded });
    entries.push({ name: "revenue.setExcludedSelf", gas: excludedSelf });
    transferEntries("oneAsset.delegated", await gasOf(token.connect(alice).transfer(bob.address, VALUE)));
  }

  // ---- ETH and a 6-decimal stablecoin, both released at once.
  {
    const launched = await launch({ reserveBps: 0, streamDuration: 0, assets: [await usd.getAddress()] });
    const { token } = launched;
    const tokenAddress = await token.getAddress();
    // A regular depositor approves once, without limit, so deposits do not write its allowance.
    await gasOf(usd.mint(depositor.address, 1_000_000n * USD));
    await gasOf(usd.connect(depositor).approve(tokenAddress, ethers.MaxUint256));
    const depositBoth = async () => {
      await gasOf(token.connect(depositor).depositETH({ value: ONE / 100n }));
      return gasOf(token.connect(depositor).deposit(await usd.getAddress(), 1_000n * USD));
    };
    // The first ERC-20 deposit also writes the asset's holdings and the token's first stablecoin balance.
    entries.push({ name: "revenue.deposit.erc20.first", gas: await depositBoth() });
    // A holder's first stablecoin claim writes its credit word and its first stablecoin balance.
    entries.push({
      name: "revenue.claim.erc20.first",
      gas: await gasOf(token.connect(alice).claim(usd, alice.address)),
    });
    await gasOf(token.connect(alice).claim(NATIVE_ASSET, alice.address));
    await gasOf(token.connect(bob).claimAll(bob.address));
    entries.push({ name: "revenue.deposit.erc20", gas: await depositBoth() });
    entries.push({
      name: "revenue.claim.erc20",
      gas: await gasOf(token.connect(alice).claim(usd, alice.address)),
      target: 50_000,
      shortfall:
        "fixed costs alone are 55,951: 21,800 transaction and calldata, 2,600 clone call, 8,400 for four cold " +
        "words (asset index and holdings, holder, accumulator, credits), 5,800 to write two of them, 2,012 event, " +
        "15,339 for the stablecoin's own transfer",
    });
    await depositBoth();
    entries.push({
      name: "revenue.claimAll.twoAssets",
      gas: await gasOf(token.connect(alice).claimAll(alice.address)),
    });
    await depositBoth();
    await gasOf(token.connect(bob).claimAll(bob.address));
    transferEntries("twoAssets", await gasOf(token.connect(alice).transfer(bob.address, VALUE)), 15_000);

    // The same deposit, approved by an EIP-2612 signature instead of a standing approval.
    const amount = 1_000n * USD;
    await gasOf(usd.mint(permitter.address, amount));
    // Signed through the SDK, valid for a day from the latest block.
    const permit = await signPermit(
      { runner: permitter, registry, factory },
      {
        token: IPaymentToken__factory.connect(await usd.getAddress(), permitter),
        owner: permitter.address,
        spender: tokenAddress,
        value: amount,
        ttl: DAY,
      },
    );
    if (!permit) throw new Error("The stablecoin's permit could not be signed.");
    entries.push({
      name: "revenue.deposit.erc20.withPermit",
      gas: await gasOf(
        token.connect(permitter).depositWithPermit(usd, amount, permit.deadline, permit.v, permit.r, permit.s),
      ),
    });

    const { excludedSelf } = await excludePoolAndStaker(launched, depositBoth);
    entries.push({ name: "revenue.setExcludedSelf.twoAssets", gas: excludedSelf });
    transferEntries("twoAssets.delegated", await gasOf(token.connect(alice).transfer(bob.address, VALUE)));
  }

  // ---- ETH released over a week.
  {
    const { token } = await launch({ reserveBps: 0, streamDuration: 7 * DAY, assets: [] });
    const depositETH = () => gasOf(token.connect(depositor).depositETH({ value: ONE }));
    // The first deposit also writes the stream's first word.
    entries.push({ name: "revenue.deposit.eth.streamed.first", gas: await depositETH() });
    await networkHelpers.time.increase(DAY);
    entries.push({
      name: "revenue.claim.eth.streamed",
      gas: await gasOf(token.connect(alice).claim(NATIVE_ASSET, alice.address)),
    });
    await gasOf(token.connect(bob).claim(NATIVE_ASSET, bob.address));
    await networkHelpers.time.increase(DAY);
    // A deposit while the stream runs joins it.
    entries.push({ name: "revenue.deposit.eth.streamed", gas: await depositETH() });
    await networkHelpers.time.increase(3_600);
    transferEntries("streamed", await gasOf(token.connect(alice).transfer(bob.address, VALUE)), 10_000);
    await delegateBoth(token);
    await networkHelpers.time.increase(3_600);
    transferEntries("streamed.delegated", await gasOf(token.connect(alice).transfer(bob.address, VALUE)));
  }

  // ---- ETH released at once, with a tenth of every deposit set aside for burn-to-redeem.
  {
    const { token } = await launch({ reserveBps: 1_000, streamDuration: 0, assets: [] });
    // The first deposit also writes the reserve's first word.
    await gasOf(token.connect(depositor).depositETH({ value: ONE }));
    entries.push({
      name: "revenue.deposit.eth.withReserve",
      gas: await gasOf(token.connect(depositor).depositETH({ value: ONE })),
    });
    entries.push({ name: "revenue.redeem", gas: await gasOf(token.connect(alice).redeem(VALUE, alice.address)) });
  }
  return entries;
}

/**
 * How much of a streamed deposit dust deposits hold back: 100 ETH streamed over a day, then one 1-wei deposit an
 * hour for a week, and the share of the 100 ETH released after one, two and seven days, beside the same stream
 * without dust. Returns the gas.md section.
 */
export async function measureStreamDrip(connection: NetworkConnection): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [, depositor, dripper] = signers;
  const { registry, factory } = await benchProtocol(connection);
  const launchStreamed = async (model: bigint) => {
    await (await registry.register(`bench-drip-${model}`, cidN(model), "MIT")).wait();
    const params = await benchLaunchParams({
      model,
      start: (await networkHelpers.time.latest()) + 100,
      team: signers.slice(17, 20),
      treasuryAmount: 200_000n * ONE,
      liquidityAmount: 200_000n * ONE,
      revenue: { reserveBps: 0, streamDuration: DAY, assets: [] },
    });
    await (await factory.launch(params)).wait();
    return ModelToken__factory.connect((await factory.launchOf(model)).token, depositor);
  };
  const dripped = await launchStreamed(1n);
  const clean = await launchStreamed(2n);
  const deposit = 100n * ONE;
  const start = (await networkHelpers.time.latest()) + 10;
  await networkHelpers.time.setNextBlockTimestamp(start - 1);
  await (await clean.depositETH({ value: deposit })).wait();
  await networkHelpers.time.setNextBlockTimestamp(start);
  await (await dripped.depositETH({ value: deposit })).wait();
  /** The share of the 100 ETH released so far, in percent to a hundredth, rounded down. */
  const released = async (token: ModelToken, dust: bigint) => {
    const { unreleased } = await token.assetInfo(NATIVE_ASSET);
    const out = deposit + dust - unreleased;
    return `${(Number(((out > deposit ? deposit : out) * 10_000n) / deposit) / 100).toFixed(2)} %`;
  };
  const rows: string[] = [];
  let dust = 0n;
  for (let hour = 1; hour <= 7 * 24; hour++) {
    await networkHelpers.time.setNextBlockTimestamp(start + hour * 3_600 - 1);
    await (await dripped.connect(dripper).depositETH({ value: 1n })).wait();
    dust++;
    if (hour === 24 || hour === 48 || hour === 7 * 24) {
      await networkHelpers.time.increaseTo(start + hour * 3_600);
      rows.push(
        `| ${hour / 24} ${hour === 24 ? "day" : "days"} | ${await released(dripped, dust)} | ${await released(clean, 0n)} |`,
      );
    }
  }
  return [
    "### revenue: dust deposits during a stream",
    "",
    "100 ETH deposited into a 1-day stream, then one 1-wei deposit an hour for a week: the share of the 100 ETH " +
      "released, beside the same stream without dust. A deposit that joins a stream ends it at the amount-weighted " +
      "average of the two ends, rounded up to a second, so each 1-wei deposit holds the 100 ETH back by a second " +
      "at most. (When a joined deposit restarted the full duration, the same dust left 64.0 %, 87.0 % and 99.9 % " +
      "released after one, two and seven days.)",
    "",
    "| after | with a 1-wei deposit an hour | without |",
    "| --- | ---: | ---: |",
    ...rows,
  ].join("\n");
}
