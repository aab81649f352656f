// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";

import {ISubnets} from "../../contracts/interfaces/ISubnets.sol";
import {MockSubnetToken} from "../../contracts/mocks/MockSubnetToken.sol";
import {SubnetRewards, StakePosition} from "../../contracts/subnets/SubnetRewards.sol";
import {SubnetEpochs} from "../../contracts/subnets/SubnetEpochs.sol";
import {SubnetRegistration} from "../../contracts/subnets/SubnetRegistration.sol";
import {SubnetState} from "../../contracts/subnets/SubnetStorage.sol";

/// One subnet's stake and reward accounting, moved by hand: epochs start when told, the epoch's credits come
/// from the pool. Tokens are minted in and sent out, so balances show what is owed.
contract RewardsHarness {
    MockSubnetToken public immutable stakeToken = new MockSubnetToken("STK", 18);
    MockSubnetToken public immutable rewardToken = new MockSubnetToken("RWD", 18);
    mapping(uint256 netuid => SubnetState) internal _states;

    constructor(address[] memory hotkeys, address[] memory coldkeys) {
        SubnetState storage s = _states[1];
        s.stakeScale = 1e9;
        for (uint256 i; i < hotkeys.length; ++i) s.coldkeys[hotkeys[i]] = coldkeys[i];
    }

    function fund(uint256 amount) external {
        rewardToken.mint(address(this), amount);
        _states[1].rewardPool += amount;
    }

    function startEpoch() external {
        _states[1].epochsStarted += 1;
    }

    function stake(address staker, address hotkey, uint256 amount) external {
        stakeToken.mint(address(this), amount);
        SubnetRewards.addStake(_states[1], hotkey, staker, amount);
    }

    function unstake(address staker, address hotkey, uint256 amount)
        external
        returns (uint256 released, uint256 unbonding, uint64 until, uint256 rewards)
    {
        (released, unbonding, until, rewards) = SubnetRewards.removeStake(_states[1], hotkey, staker, amount);
        stakeToken.transfer(staker, released);
        rewardToken.transfer(staker, rewards);
    }

    function withdraw(address staker, address hotkey) external returns (uint256 released) {
        (released, , ) = SubnetRewards.withdrawUnbonded(_states[1], _states[1].positions[hotkey][staker]);
        stakeToken.transfer(staker, released);
    }

    function credit(address hotkey, uint256 server, uint256 validator) external {
        _states[1].rewardPool -= server + validator;
        // As the epoch credits a UID: the coldkey's part (incentive and take) here to its claimable balance.
        SubnetState storage s = _states[1];
        uint256 toColdkey = server;
        if (validator != 0) toColdkey += SubnetRewards.creditDividends(s, hotkey, validator);
        address coldkey = s.coldkeys[hotkey];
        s.claimable[coldkey == address(0) ? hotkey : coldkey] += toColdkey;
    }

    function claim(address account) external returns (uint256 amount) {
        amount = _states[1].claimable[account];
        _states[1].claimable[account] = 0;
        rewardToken.transfer(account, amount);
    }

    function claimStake(address staker, address hotkey) external returns (uint256 amount) {
        SubnetState storage s = _states[1];
        StakePosition storage pos = s.positions[hotkey][staker];
        SubnetRewards.settle(s, s.pools[hotkey], pos);
        amount = SubnetRewards.takeRewards(pos);
        rewardToken.transfer(staker, amount);
    }

    function setTake(address hotkey, uint16 take) external {
        SubnetRewards.setTake(_states[1], _states[1].pools[hotkey], take);
    }

    function rewardPool() external view returns (uint256) {
        return _states[1].rewardPool;
    }

    function claimable(address account) external view returns (uint256) {
        return _states[1].claimable[account];
    }

    function stakeWeight(address hotkey) external view returns (uint64) {
        return SubnetRewards.stakeWeight(_states[1], hotkey);
    }

    function position(address hotkey, address staker)
        external
        view
        returns (uint256 rewards, uint256 active, uint256 pendingNext, uint256 pendingLater)
    {
        SubnetState storage s = _states[1];
        return SubnetRewards.positionView(s, s.pools[hotkey], s.positions[hotkey][staker]);
    }

    /// The position's unbonding stake: free to leave now, and still waiting.
    function unbonding(address hotkey, address staker) external view returns (uint256 free, uint256 still) {
        (free, still, ) = SubnetRewards.unbondingView(_states[1], _states[1].positions[hotkey][staker]);
    }

    function pool(address hotkey) external view returns (uint256 active, uint256 pendingNext, uint256 pendingLater) {
        return SubnetRewards.poolView(_states[1], _states[1].pools[hotkey]);
    }

    /// Stake of `hotkey` that an epoch starting now counts, in stake token units.
    function counted(address hotkey) external view returns (uint256 active) {
        (active, , ) = SubnetRewards.poolView(_states[1], _states[1].pools[hotkey]);
    }
}

/// Random stake, unstake, credits, claims and epoch starts over three hotkeys and four stakers, with what was put
/// in and taken out counted.
contract RewardsHandler is Test {
    RewardsHarness public immutable harness;
    address[] public hotkeys;
    address[] public coldkeys;
    address[] public stakers;
    /// Operations that may each leave a unit of rounding in the contract.
    uint256 public roundings;
    /// Stake tokens held when the last two epochs started (the latest last), and the stake the latest one counted.
    uint256 public heldAtPreviousStart;
    uint256 public heldAtLastStart;
    uint256 public countedAtLastStart;

    constructor() {
        for (uint256 i; i < 3; ++i) {
            hotkeys.push(address(uint160(0x1000 + i)));
            coldkeys.push(address(uint160(0x2000 + i)));
        }
        for (uint256 i; i < 4; ++i) stakers.push(address(uint160(0x3000 + i)));
        stakers[3] = coldkeys[0]; // a coldkey that also stakes
        harness = new RewardsHarness(hotkeys, coldkeys);
        harness.fund(1e30);
    }

    function stake(uint256 who, uint256 hotkey, uint256 amount) external {
        harness.stake(stakers[who % 4], hotkeys[hotkey % 3], bound(amount, 1, 1e27));
        ++roundings;
    }

    function unstake(uint256 who, uint256 hotkey, uint256 amount) external {
        address staker = stakers[who % 4];
        address hk = hotkeys[hotkey % 3];
        (, uint256 active, uint256 pendingNext, uint256 pendingLater) = harness.position(hk, staker);
        uint256 held = active + pendingNext + pendingLater;
        if (held == 0) return;
        harness.unstake(staker, hk, bound(amount, 1, held));
        ++roundings;
    }

    function withdraw(uint256 who, uint256 hotkey) external {
        harness.withdraw(stakers[who % 4], hotkeys[hotkey % 3]);
    }

    function credit(uint256 hotkey, uint256 server, uint256 validator) external {
        uint256 available = harness.rewardPool();
        server = bound(server, 0, available / 2);
        validator = bound(validator, 0, available - server);
        harness.credit(hotkeys[hotkey % 3], server, validator);
        ++roundings;
    }

    function claim(uint256 who) external {
        harness.claim(who % 2 == 0 ? coldkeys[who % 3] : hotkeys[who % 3]);
    }

    function claimStake(uint256 who, uint256 hotkey) external {
        harness.claimStake(stakers[who % 4], hotkeys[hotkey % 3]);
        ++roundings;
    }

    function startEpoch() external {
        heldAtPreviousStart = heldAtLastStart;
        heldAtLastStart = harness.stakeToken().balanceOf(address(harness));
        harness.startEpoch();
        uint256 total;
        for (uint256 k; k < 3; ++k) total += harness.counted(hotkeys[k]);
        countedAtLastStart = total;
    }

    function setTake(uint256 hotkey, uint256 take) external {
        harness.setTake(hotkeys[hotkey % 3], uint16(bound(take, 0, SubnetRewards.DEFAULT_TAKE)));
    }

    function hotkeyCount() external view returns (uint256) {
        return hotkeys.length;
    }
}

contract SubnetRewardsTest is Test {
    address internal constant HOTKEY = address(0xA11CE);
    address internal constant COLDKEY = address(0xC01D);
    address internal constant STAKER = address(0xB0B);
    address internal constant OTHER = address(0xCA201);

    RewardsHarness internal harness;
    RewardsHandler internal handler;

    function setUp() public {
        address[] memory hks = new address[](1);
        address[] memory cks = new address[](1);
        hks[0] = HOTKEY;
        cks[0] = COLDKEY;
        harness = new RewardsHarness(hks, cks);
        harness.fund(1e36);

        handler = new RewardsHandler();
        targetContract(address(handler));
    }

    // --- unit and fuzz ---

    function testFuzz_stake_unstake_returnsTheStakeExactly(uint256 amount, uint256 part, uint8 epochs) public {
        amount = bound(amount, 1, 1e30);
        part = bound(part, 1, amount);
        harness.stake(STAKER, HOTKEY, amount);
        for (uint256 i; i < epochs % 4; ++i) harness.startEpoch();
        harness.unstake(STAKER, HOTKEY, part);
        (, uint256 active, uint256 pendingNext, uint256 pendingLater) = harness.position(HOTKEY, STAKER);
        assertEq(active + pendingNext + pendingLater, amount - part);
        (uint256 pa, uint256 pn, uint256 pl) = harness.pool(HOTKEY);
        assertEq(pa + pn + pl, amount - part);
        (uint256 free, uint256 still) = harness.unbonding(HOTKEY, STAKER);
        // Stake that never counted (fewer than two epoch starts) leaves at once; stake that counted unbonds.
        uint256 unbonded = epochs % 4 >= 2 ? part : 0;
        assertEq(free, 0);
        assertEq(still, unbonded);
        assertEq(harness.stakeToken().balanceOf(STAKER), part - unbonded);
        // It leaves once the next epoch has started, and not before.
        assertEq(harness.withdraw(STAKER, HOTKEY), 0);
        harness.startEpoch();
        assertEq(harness.withdraw(STAKER, HOTKEY), unbonded);
        assertEq(harness.stakeToken().balanceOf(STAKER), part);
        assertEq(harness.stakeToken().balanceOf(address(harness)), amount - part);
    }

    function test_unstake_refusesMoreThanHeld() public {
        harness.stake(STAKER, HOTKEY, 10);
        vm.expectRevert(abi.encodeWithSelector(ISubnets.SubnetInsufficientStake.selector, HOTKEY, STAKER, 10, 11));
        harness.unstake(STAKER, HOTKEY, 11);
    }

    function test_stakeWeight_countsFromTheStartOfTheEpochAfterTheNext() public {
        harness.stake(STAKER, HOTKEY, 5e18);
        assertEq(harness.stakeWeight(HOTKEY), 0);
        harness.startEpoch();
        // Staked after the tempo this epoch pays for began: it does not count.
        assertEq(harness.stakeWeight(HOTKEY), 0);
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), 5e9);
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), 5e9);
    }

    function test_stakeWeight_twoBatchesWaitAtOnce() public {
        harness.stake(STAKER, HOTKEY, 1e18);
        harness.startEpoch();
        harness.stake(STAKER, HOTKEY, 2e18);
        harness.stake(OTHER, HOTKEY, 4e18);
        (, uint256 pendingNext, uint256 pendingLater) = harness.pool(HOTKEY);
        assertEq(pendingNext, 1e18);
        assertEq(pendingLater, 6e18);
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), 1e9);
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), 7e9);
        (, uint256 active, , ) = harness.position(HOTKEY, STAKER);
        assertEq(active, 3e18);
    }

    function test_unstake_takesTheLaterBatchFirstThenActiveStakeUnbonds() public {
        harness.stake(STAKER, HOTKEY, 1e18);
        harness.startEpoch();
        harness.startEpoch();
        harness.stake(STAKER, HOTKEY, 2e18); // pending, dated two starts ahead (4)
        harness.startEpoch();
        harness.stake(STAKER, HOTKEY, 4e18); // pending, dated 5
        (uint256 released, uint256 unbonding, uint64 until, ) = harness.unstake(STAKER, HOTKEY, 5e18);
        assertEq(released, 5e18);
        assertEq(unbonding, 0);
        assertEq(until, 0);
        (, uint256 active, uint256 pendingNext, uint256 pendingLater) = harness.position(HOTKEY, STAKER);
        assertEq(active, 1e18);
        assertEq(pendingNext, 1e18);
        assertEq(pendingLater, 0);
        (released, unbonding, until, ) = harness.unstake(STAKER, HOTKEY, 15e17);
        assertEq(released, 1e18);
        assertEq(unbonding, 5e17);
        assertEq(until, 4);
        // Unbonding stake counts for nothing in the next epoch, and leaves from its start.
        assertEq(harness.withdraw(STAKER, HOTKEY), 0);
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), 5e8);
        assertEq(harness.withdraw(STAKER, HOTKEY), 5e17);
    }

    function test_stakeWeight_capsAt2To63() public {
        harness.stake(STAKER, HOTKEY, type(uint112).max);
        harness.startEpoch();
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), type(uint64).max >> 1);
    }

    function test_stake_poolStaysBelow2To112() public {
        harness.stake(STAKER, HOTKEY, type(uint112).max - 1);
        harness.startEpoch();
        harness.startEpoch();
        // Active now, the stake still bounds what any staker adds to the pool.
        vm.expectRevert(abi.encodeWithSignature("SafeCastOverflowedUintDowncast(uint8,uint256)", 112, uint256(1) << 112));
        harness.stake(address(0xBEEF), HOTKEY, 2);
        harness.stake(address(0xBEEF), HOTKEY, 1);
        assertEq(harness.stakeWeight(HOTKEY), type(uint64).max >> 1);
    }

    /// Stake a staker takes out of the pool's earlier batch, while another staker's later batch waits, leaves the later
    /// batch counted when it falls due (the pool moves it into the freed slot).
    function test_unstake_emptiedEarlierBatchKeepsTheLaterOne() public {
        harness.stake(STAKER, HOTKEY, 1e18); // dated 2
        harness.startEpoch();
        harness.stake(OTHER, HOTKEY, 3e18); // dated 3
        harness.unstake(STAKER, HOTKEY, 1e18);
        (, uint256 pendingNext, uint256 pendingLater) = harness.pool(HOTKEY);
        assertEq(pendingNext, 0);
        assertEq(pendingLater, 3e18);
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), 0);
        harness.startEpoch();
        assertEq(harness.stakeWeight(HOTKEY), 3e9);
    }

    function testFuzz_credit_splitsTakeAndSharesByStake(uint256 a, uint256 b, uint256 validator, uint256 server)
        public
    {
        a = bound(a, 1, 1e30);
        b = bound(b, 1, 1e30);
        validator = bound(validator, 0, 1e33);
        server = bound(server, 0, 1e33);
        harness.stake(STAKER, HOTKEY, a);
        harness.stake(OTHER, HOTKEY, b);
        harness.startEpoch();
        harness.startEpoch(); // both count and earn from here
        harness.credit(HOTKEY, server, validator);
        uint256 take = (validator * SubnetRewards.DEFAULT_TAKE) / 65_535;
        assertEq(harness.claimable(COLDKEY), server + take);
        (uint256 ra, , , ) = harness.position(HOTKEY, STAKER);
        (uint256 rb, , , ) = harness.position(HOTKEY, OTHER);
        uint256 rest = validator - take;
        assertLe(ra + rb, rest);
        // Each share is floor(units * floor(rest * 2^128 / total) / 2^128): at most two units short.
        assertApproxEqAbs(ra, (rest * a) / (a + b), 2);
        assertApproxEqAbs(rb, (rest * b) / (a + b), 2);
        assertEq(harness.claimStake(STAKER, HOTKEY), ra);
        assertEq(harness.rewardToken().balanceOf(STAKER), ra);
    }

    function testFuzz_credit_stakeAddedDuringATempoEarnsNothingFromItsEpoch(uint256 early, uint256 late, uint256 amount)
        public
    {
        early = bound(early, 1, 1e30);
        late = bound(late, 1, 1e30);
        amount = bound(amount, 1, 1e33);
        harness.stake(STAKER, HOTKEY, early);
        harness.startEpoch();
        harness.startEpoch();
        // The late staker arrives during a tempo; the epoch that pays for that tempo starts and credits.
        harness.stake(OTHER, HOTKEY, late);
        harness.startEpoch();
        harness.credit(HOTKEY, 0, amount);
        (uint256 lateRewards, uint256 lateActive, uint256 pendingNext, ) = harness.position(HOTKEY, OTHER);
        assertEq(lateRewards, 0);
        assertEq(lateActive, 0);
        assertEq(pendingNext, late);
        // It counts and earns from the next epoch on, the first whose whole tempo it was staked for.
        harness.startEpoch();
        harness.credit(HOTKEY, 0, amount);
        (lateRewards, , , ) = harness.position(HOTKEY, OTHER);
        uint256 rest = amount - (amount * SubnetRewards.DEFAULT_TAKE) / 65_535;
        assertApproxEqAbs(lateRewards, (rest * late) / (early + late), 2);
    }

    function testFuzz_unstake_unbondingStakeEarnsNothing(uint256 a, uint256 amount) public {
        a = bound(a, 1, 1e30);
        amount = bound(amount, 1, 1e33);
        harness.stake(STAKER, HOTKEY, a);
        harness.stake(OTHER, HOTKEY, a);
        harness.startEpoch();
        harness.startEpoch();
        harness.unstake(OTHER, HOTKEY, a);
        harness.credit(HOTKEY, 0, amount);
        (uint256 rewards, , , ) = harness.position(HOTKEY, OTHER);
        assertEq(rewards, 0);
        (rewards, , , ) = harness.position(HOTKEY, STAKER);
        uint256 rest = amount - (amount * SubnetRewards.DEFAULT_TAKE) / 65_535;
        assertApproxEqAbs(rewards, rest, 1);
    }

    function test_credit_allToTheColdkeyWithoutEarningStake() public {
        harness.stake(STAKER, HOTKEY, 1e18);
        harness.startEpoch();
        harness.credit(HOTKEY, 3, 1e18);
        assertEq(harness.claimable(COLDKEY), 1e18 + 3);
        (uint256 rewards, , , ) = harness.position(HOTKEY, STAKER);
        assertEq(rewards, 0);
    }

    function test_setTake_increaseWaitsAFullEpoch() public {
        harness.stake(STAKER, HOTKEY, 1e18);
        harness.startEpoch();
        harness.startEpoch();
        harness.setTake(HOTKEY, 0);
        harness.credit(HOTKEY, 0, 65_535);
        assertEq(harness.claimable(COLDKEY), 0);
        harness.setTake(HOTKEY, 6_553);
        harness.startEpoch();
        harness.credit(HOTKEY, 0, 65_535);
        assertEq(harness.claimable(COLDKEY), 0);
        harness.startEpoch();
        harness.credit(HOTKEY, 0, 65_535);
        assertEq(harness.claimable(COLDKEY), 6_553);
    }

    // --- invariants ---

    /// Stake tokens held are exactly the stakes of all positions (counting, pending and unbonding), and of all pools
    /// with the unbonding stake of their positions.
    function invariant_stakeHeldIsTheSumOfStakes() public view {
        RewardsHarness h = handler.harness();
        uint256 positions;
        uint256 pools;
        for (uint256 k; k < 3; ++k) {
            address hk = handler.hotkeys(k);
            (uint256 a, uint256 n, uint256 l) = h.pool(hk);
            pools += a + n + l;
            for (uint256 i; i < 4; ++i) {
                (, uint256 pa, uint256 pn, uint256 pl) = h.position(hk, handler.stakers(i));
                (uint256 free, uint256 still) = h.unbonding(hk, handler.stakers(i));
                positions += pa + pn + pl + free + still;
                pools += free + still;
            }
        }
        uint256 held = h.stakeToken().balanceOf(address(h));
        assertEq(held, positions, "positions");
        assertEq(held, pools, "pools");
    }

    /// H-01: the stake the latest epoch counted was already held when the epoch before it started (stake added
    /// during the tempo an epoch pays for never counts in it), and none of it has left since (unbonding).
    function invariant_H01_countedStakeWasHeldThroughTheTempoAndStays() public view {
        RewardsHarness h = handler.harness();
        assertLe(handler.countedAtLastStart(), handler.heldAtPreviousStart(), "counted stake arrived during the tempo");
        assertGe(h.stakeToken().balanceOf(address(h)), handler.countedAtLastStart(), "counted stake left");
    }

    /// What the epoch reads of a pool (its first word, and the second only when a batch falls due) is the active
    /// stake the pool's full view shows, and each position's counting stake adds up to it.
    function invariant_stakeWeightIsTheActiveStake() public view {
        RewardsHarness h = handler.harness();
        for (uint256 k; k < 3; ++k) {
            address hk = handler.hotkeys(k);
            (uint256 active, , ) = h.pool(hk);
            assertEq(h.stakeWeight(hk), active / 1e9, "stake weight");
            uint256 positions;
            for (uint256 i; i < 4; ++i) {
                (, uint256 pa, , ) = h.position(hk, handler.stakers(i));
                positions += pa;
            }
            assertEq(positions, active, "positions' active stake");
        }
    }

    /// Reward tokens held cover the pool, the claimable amounts and the stakers' unpaid dividends; what is left
    /// is rounding, at most a unit or two per operation.
    function invariant_rewardsHeldCoverWhatIsOwed() public view {
        RewardsHarness h = handler.harness();
        uint256 owed = h.rewardPool();
        for (uint256 k; k < 3; ++k) {
            address hk = handler.hotkeys(k);
            owed += h.claimable(hk) + h.claimable(handler.coldkeys(k));
            for (uint256 i; i < 4; ++i) {
                (uint256 r, , , ) = h.position(hk, handler.stakers(i));
                owed += r;
            }
        }
        uint256 held = h.rewardToken().balanceOf(address(h));
        assertGe(held, owed, "owed more than held");
        assertLe(held - owed, 4 * handler.roundings() + 2, "dust");
    }
}

/// The owner's take of an epoch: its cut and, when it completes the epoch itself, the keeper's reward.
contract SubnetEpochSplitTest is Test {
    /// M-02: whatever the owner sets (a cut up to its maximum, any keeper reward), what it can take of an epoch, cut
    /// and keeper's reward together, is at most half of the emission, and the keeper's reward at most 5% of it.
    function testFuzz_M02_ownerTakeIsAtMostHalf(uint256 emission, uint256 ownerCut, uint256 keeperReward) public pure {
        emission = bound(emission, 0, type(uint128).max);
        ownerCut = bound(ownerCut, 0, SubnetRegistration.MAX_OWNER_CUT);
        keeperReward = bound(keeperReward, 0, type(uint128).max);
        (uint256 cut, uint256 keeper) = SubnetEpochs.split(emission, ownerCut, keeperReward);
        assertLe(cut + keeper, emission / 2);
        assertLe(keeper, (emission * 5) / 100);
        assertLe(keeper, keeperReward);
    }
}
