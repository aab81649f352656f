import { expect } from "chai";
import { network } from "hardhat";

import type { MockSkimPool, MockSmartWallet, MockStakingVault, Subnets } from "../../types/typechain/index.js";
import { ETH, NATIVE, USDC } from "../fixtures/constants.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";
import { deployLinked } from "../utils/linked.js";
import { allocation, claimableSum, expectExclusionByTheDaoOfContractsOnly, revenueFixtures, U } from "./fixtures.js";

// Who may take a balance out of revenue sharing, and who may have revenue pushed to it: a holder excludes
// itself (a staking contract at creation), the DAO only accounts that hold nothing and have nothing to claim,
// and revenue is pushed by a third party only to accounts that can account for it. Each attack is named after
// the finding it reproduces.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const fixtures = revenueFixtures(connection);

/** Alice 4, Bob 2, Carol 1 and Dave 1 of 8 units of 2**60; ETH and USDC released at once. */
async function holdersFixture() {
  const p = await fixtures.protocol();
  const token = await fixtures.token(
    p,
    [allocation(p.alice, 4n * U), allocation(p.bob, 2n * U), allocation(p.carol, U), allocation(p.dave, U)],
    { assets: [await p.usdc.getAddress()] },
  );
  return { ...p, token };
}

/** An AMM pair holding Alice's 4 units (it was filled before anyone could exclude it), which has earned revenue. */
async function pairFixture() {
  const f = await holdersFixture();
  const pair: MockSkimPool = await ethers.deployContract("MockSkimPool");
  await f.token.connect(f.alice).transfer(pair, 4n * U);
  await pair.sync(f.token);
  await pair.sync(f.usdc);
  await f.token.connect(f.payer).depositETH({ value: ETH(1) });
  await f.token.connect(f.payer).deposit(f.usdc, USDC(800));
  return { ...f, pair };
}

/** A smart wallet owned by Alice holding her 4 units, which has earned revenue. */
async function walletFixture() {
  const f = await holdersFixture();
  const wallet: MockSmartWallet = await ethers.deployContract("MockSmartWallet", [f.alice.address]);
  await f.token.connect(f.alice).transfer(wallet, 4n * U);
  await f.token.connect(f.payer).depositETH({ value: ETH(1) });
  await f.token.connect(f.payer).deposit(f.usdc, USDC(800));
  return { ...f, wallet };
}

async function launchFixture() {
  return fixtures.launch();
}

describe("ModelToken revenue exclusion and claims for others", function () {
  after(async function () {
    await connection.close();
  });

  describe("L-02: claims made for a contract", function () {
    it("L-02 claimFor into an AMM pool whose skim hands pushed revenue to anyone: refused, the revenue stays put", async function () {
      const { token, usdc, pair, stranger } = await loadFixture(pairFixture);
      const pairAddress = await pair.getAddress();
      expect(await token.claimable(pair, usdc)).to.equal(USDC(400));
      // The attack: push the pair's revenue into it, then skim it out.
      await expect(token.connect(stranger).claimFor(pair, usdc))
        .to.be.revertedWithCustomError(token, "RevenueClaimForContract")
        .withArgs(pairAddress);
      await expect(token.connect(stranger).claimAllFor(pair))
        .to.be.revertedWithCustomError(token, "RevenueClaimForContract")
        .withArgs(pairAddress);
      await pair.skim(usdc, stranger);
      expect(await usdc.balanceOf(stranger)).to.equal(0n);
      expect(await usdc.balanceOf(pair)).to.equal(0n);
      expect(await token.claimable(pair, usdc)).to.equal(USDC(400));
      expect(await token.claimable(pair, NATIVE)).to.equal(ETH(1) / 2n);
    });

    it("L-02 claimFor still pays accounts without code, the treasury and the team's vesting wallets", async function () {
      const { token, usdc, treasury, vestingWallet, member, lp, payer, stranger } = await loadFixture(launchFixture);
      await token.connect(payer).depositETH({ value: ETH(10) });
      await token.connect(payer).deposit(usdc, USDC(1_000));
      // The treasury holds 20% and the vesting wallet 20% of the supply; what is claimed for them is theirs.
      const due = async (holder: string, asset: string | typeof usdc, expected: bigint) => {
        const amount = await token.claimable(holder, asset);
        expect(amount).to.be.closeTo(expected, 1n);
        return amount;
      };
      const treasuryDue = await due(treasury, usdc, USDC(200));
      await expect(token.connect(stranger).claimAllFor(treasury)).to.changeTokenBalance(
        ethers,
        usdc,
        treasury,
        treasuryDue,
      );
      const walletEth = await due(vestingWallet, NATIVE, ETH(2));
      await expect(token.connect(stranger).claimFor(vestingWallet, NATIVE)).to.changeEtherBalance(
        ethers,
        vestingWallet,
        walletEth,
      );
      const walletUsdc = await due(vestingWallet, usdc, USDC(200));
      await expect(token.connect(stranger).claimFor(vestingWallet, usdc)).to.changeTokenBalance(
        ethers,
        usdc,
        vestingWallet,
        walletUsdc,
      );
      // Revenue claimed for the vesting wallet vests with its tokens: nothing of it is the member's yet at the start.
      const vesting = await ethers.getContractAt("ModelVestingWallet", vestingWallet);
      expect(await vesting["releasable(address)"](usdc)).to.be.lte(USDC(1));
      // An account without code is paid too.
      await token.connect(lp).transfer(member, ETH(1));
      await token.connect(payer).depositETH({ value: ETH(1) });
      const memberDue = await due(member.address, NATIVE, ETH(1) / 1_000_000n);
      await expect(token.connect(stranger).claimFor(member, NATIVE)).to.changeEtherBalance(ethers, member, memberDue);
    });
  });

  describe("L-03: tokens staked in a contract that cannot use revenue", function () {
    it("L-03 model tokens staked in a contract that excludes itself at creation earn nothing; holders earn it all", async function () {
      const { token, usdc, dao, payer, alice, bob, carol, dave } = await loadFixture(holdersFixture);
      const vault: MockStakingVault = await ethers.deployContract("MockStakingVault", [token]);
      expect(await vault.excludedSelf()).to.equal(true);
      expect(await token.isExcluded(vault)).to.equal(true);
      expect(await token.excludedBySelf(vault)).to.equal(true);
      await token.connect(alice).approve(vault, 4n * U);
      await vault.connect(alice).stake(4n * U);
      expect(await token.eligibleSupply()).to.equal(4n * U);

      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      // Nothing is earned by the vault, where it could never be used: the holders who did not stake earn it all.
      expect(await token.claimable(vault, NATIVE)).to.equal(0n);
      expect(await token.claimable(vault, usdc)).to.equal(0n);
      expect(await claimableSum(token, NATIVE, [bob, carol, dave])).to.equal(ETH(1));
      expect(await claimableSum(token, await usdc.getAddress(), [bob, carol, dave])).to.equal(USDC(800));
      // The DAO cannot make the vault earn again: only the vault could.
      await expect(token.connect(dao).setExcluded(vault, false))
        .to.be.revertedWithCustomError(token, "RevenueExclusionByHolder")
        .withArgs(await vault.getAddress());
      // Unstaked, the tokens earn again from then on.
      await vault.connect(alice).unstake(4n * U);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n);
    });
  });

  describe("L-03: model tokens staked in Subnets", function () {
    it("L-03 the subnet contract excludes itself from its stake and reward tokens at creation: stakers' tokens earn nothing stranded", async function () {
      const { token, usdc, payer, alice, bob, carol, dave } = await loadFixture(holdersFixture);
      const [deployer] = await ethers.getSigners();
      const subnets = (await deployLinked(ethers, "Subnets", [deployer.address, 0n])) as unknown as Subnets;
      const params = {
        stakeToken: await token.getAddress(),
        rewardToken: await token.getAddress(),
        model: 0n,
        metadataCid: `0x01551220${"ab".repeat(32)}`,
        hyperparameters: SMALL_SUBNET,
      };
      await subnets.connect(alice).createSubnet(params);
      expect(await token.isExcluded(subnets)).to.equal(true);
      expect(await token.excludedBySelf(subnets)).to.equal(true);
      // A second subnet on the same token: the contract is excluded already, and the creation goes through.
      await expect(subnets.connect(bob).createSubnet({ ...params, rewardToken: await usdc.getAddress() })).to.emit(
        subnets,
        "SubnetCreated",
      );
      // Alice registers (paying in the model token, into the pool) and stakes on her own hotkey: the tokens the
      // subnet contract now holds earn nothing there.
      await token.connect(alice).approve(subnets, ethers.MaxUint256);
      await subnets.connect(alice).register(1n, alice.address, alice.address, ethers.MaxUint256);
      await subnets.connect(alice).stake(1n, alice.address, (await token.balanceOf(alice)) / 2n);
      expect(await token.balanceOf(subnets)).to.be.greaterThan(0n);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await token.connect(payer).deposit(usdc, USDC(800));
      expect(await token.claimable(subnets, NATIVE)).to.equal(0n);
      expect(await token.claimable(subnets, usdc)).to.equal(0n);
      // Everything deposited is claimable by holders outside the subnet contract, to the rounding of the split.
      const holders = [alice, bob, carol, dave];
      expect(ETH(1) - (await claimableSum(token, NATIVE, holders))).to.be.lessThanOrEqual(4n);
      expect(USDC(800) - (await claimableSum(token, await usdc.getAddress(), holders))).to.be.lessThanOrEqual(4n);
    });
  });

  describe("L-04: the DAO excluding a holder", function () {
    it("L-04 a DAO majority excluding a smart wallet that holds tokens to redirect its revenue: refused", async function () {
      const { token, dao, payer, wallet, bob } = await loadFixture(walletFixture);
      const walletAddress = await wallet.getAddress();
      await expect(token.connect(dao).setExcluded(wallet, true))
        .to.be.revertedWithCustomError(token, "RevenueExclusionHolder")
        .withArgs(walletAddress, 4n * U);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(wallet, NATIVE)).to.equal(ETH(1));
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 2n);
    });

    it("L-04 a DAO majority excluding a wallet that sold its tokens but has revenue to claim: refused", async function () {
      const { token, usdc, dao, alice, wallet } = await loadFixture(walletFixture);
      await wallet
        .connect(alice)
        .execute(token, token.interface.encodeFunctionData("transfer", [alice.address, 4n * U]));
      await wallet.connect(alice).execute(token, token.interface.encodeFunctionData("claim", [NATIVE, alice.address]));
      await expect(token.connect(dao).setExcluded(wallet, true))
        .to.be.revertedWithCustomError(token, "RevenueExclusionHasRevenue")
        .withArgs(await wallet.getAddress(), await usdc.getAddress(), USDC(400));
    });

    it("L-04 a DAO majority excluding the team's vesting wallet or the treasury: refused", async function () {
      const { token, treasury, vestingWallet } = await loadFixture(launchFixture);
      const dao = await fixtures.as(treasury);
      await expect(token.connect(dao).setExcluded(vestingWallet, true))
        .to.be.revertedWithCustomError(token, "RevenueExclusionHolder")
        .withArgs(vestingWallet, ETH(200_000));
      await expect(token.connect(dao).setExcluded(treasury, true))
        .to.be.revertedWithCustomError(token, "RevenueExclusionHolder")
        .withArgs(treasury, ETH(200_000));
    });

    it("L-04 a contract the DAO excluded while it held nothing includes itself again, and earns from then on", async function () {
      const { token, dao, payer, alice, bob } = await loadFixture(holdersFixture);
      const wallet: MockSmartWallet = await ethers.deployContract("MockSmartWallet", [alice.address]);
      const walletAddress = await wallet.getAddress();
      await expect(token.connect(dao).setExcluded(wallet, true))
        .to.emit(token, "RevenueExclusionSet")
        .withArgs(walletAddress, true, false);
      await token.connect(alice).transfer(wallet, 4n * U);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(wallet, NATIVE)).to.equal(0n);
      expect(await token.claimable(bob, NATIVE)).to.equal(ETH(1) / 2n);
      await expect(wallet.connect(alice).execute(token, token.interface.encodeFunctionData("setExcludedSelf", [false])))
        .to.emit(token, "RevenueExclusionSet")
        .withArgs(walletAddress, false, true);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(wallet, NATIVE)).to.equal(ETH(1) / 2n);
    });
  });

  describe("a holder excluding itself", function () {
    it("takes its balance out of the eligible supply; what it earned stays claimable, and it may come back", async function () {
      const { token, usdc, payer, alice, bob, carol, dave } = await loadFixture(holdersFixture);
      await token.connect(payer).depositETH({ value: ETH(1) });
      await expect(token.connect(alice).setExcludedSelf(true))
        .to.emit(token, "RevenueExclusionSet")
        .withArgs(alice.address, true, true);
      expect(await token.isExcluded(alice)).to.equal(true);
      expect(await token.excludedBySelf(alice)).to.equal(true);
      expect(await token.eligibleSupply()).to.equal(4n * U);
      expect((await token.assetInfo(usdc)).eligibleSupply).to.equal(4n * U);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1) / 2n);
      expect(await claimableSum(token, NATIVE, [alice, bob, carol, dave])).to.equal(ETH(2));
      await expect(token.connect(alice).setExcludedSelf(true))
        .to.be.revertedWithCustomError(token, "RevenueExclusionUnchanged")
        .withArgs(alice.address, true);

      await expect(token.connect(alice).setExcludedSelf(false))
        .to.emit(token, "RevenueExclusionSet")
        .withArgs(alice.address, false, true);
      expect(await token.eligibleSupply()).to.equal(8n * U);
      await token.connect(payer).depositETH({ value: ETH(1) });
      expect(await token.claimable(alice, NATIVE)).to.equal(ETH(1));
      await expect(token.connect(alice).setExcludedSelf(false))
        .to.be.revertedWithCustomError(token, "RevenueExclusionUnchanged")
        .withArgs(alice.address, false);
    });

    it("makes the DAO's exclusion its own, which the DAO then cannot undo", async function () {
      const { token, dao } = await loadFixture(holdersFixture);
      const vault = await ethers.deployContract("MockSmartWallet", [dao.address]);
      await token.connect(dao).setExcluded(vault, true);
      expect(await token.excludedBySelf(vault)).to.equal(false);
      await expect(vault.connect(dao).execute(token, token.interface.encodeFunctionData("setExcludedSelf", [true])))
        .to.emit(token, "RevenueExclusionSet")
        .withArgs(await vault.getAddress(), true, true);
      expect(await token.excludedBySelf(vault)).to.equal(true);
      await expect(token.connect(dao).setExcluded(vault, false))
        .to.be.revertedWithCustomError(token, "RevenueExclusionByHolder")
        .withArgs(await vault.getAddress());
    });

    it("lets the DAO exclude and include again only contracts that hold nothing and have nothing to claim", async function () {
      const { token, dao, alice, stranger } = await loadFixture(holdersFixture);
      const pool = await ethers.deployContract("MockSkimPool");
      const poolAddress = await pool.getAddress();
      await expectExclusionByTheDaoOfContractsOnly(token, dao, stranger, pool, stranger);
      await token.connect(dao).setExcluded(pool, true);
      await token.connect(dao).setExcluded(pool, false);
      await token.connect(dao).setExcluded(pool, true);
      await token.connect(alice).transfer(pool, 1n);
      await expect(token.connect(dao).setExcluded(pool, false))
        .to.be.revertedWithCustomError(token, "RevenueExclusionHolder")
        .withArgs(poolAddress, 1n);
    });
  });
});
