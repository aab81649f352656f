// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ONE, T0} from "../fixtures/Constants.sol";
import {Test} from "../utils/Test.sol";

import {NetworkEmission} from "../../contracts/emission/NetworkEmission.sol";
import {INetworkEmission} from "../../contracts/interfaces/INetworkEmission.sol";
import {ISubnets} from "../../contracts/interfaces/ISubnets.sol";
import {MockEmissionSubnets} from "../../contracts/mocks/MockEmissionSubnets.sol";
import {MockSubnetToken} from "../../contracts/mocks/MockSubnetToken.sol";
import {PlainVotesToken} from "../../contracts/mocks/PlainVotesToken.sol";

import {EmissionHandler} from "./EmissionHandler.sol";
import {EmissionRules} from "./EmissionRules.sol";

/// @notice A network emission over a protocol token (ERC-20 votes on a timestamp clock) and a test double of the
/// subnets: subnets 1 to 6 reward in the protocol token and are active, subnet 7 rewards in another token.
abstract contract EmissionSetup is Test {
    uint256 internal constant BPS = 10_000;
    uint32 internal constant PERIOD = 1 days;
    address internal constant TIMELOCK = address(0x7173);
    address internal constant LENDER = address(0x1E4D);

    PlainVotesToken internal token;
    MockSubnetToken internal otherToken;
    MockEmissionSubnets internal subnets;
    NetworkEmission internal emission;

    function _settings(uint256 rateBps, uint256 capBps)
        internal
        pure
        returns (INetworkEmission.EmissionSettings memory)
    {
        return INetworkEmission.EmissionSettings({
            periodLength: PERIOD,
            rateBps: uint16(rateBps),
            capBps: uint16(capBps),
            graceBlocks: 7200,
            minValidators: 1
        });
    }

    /// @dev Mints `amounts[i]` to `holders[i]`, each delegated to itself, and `reserve` to the emission, which
    /// starts one second later: the holders' votes count from period 1 on.
    function _deploy(
        address[] memory holders,
        uint256[] memory amounts,
        uint256 reserve,
        INetworkEmission.EmissionSettings memory settings
    ) internal {
        vm.warp(T0);
        // Past any grace, so that a subnet whose next epoch was due at block 0 is overdue.
        vm.roll(2_000_000);
        address[] memory accounts = new address[](holders.length + 1);
        uint256[] memory minted = new uint256[](holders.length + 1);
        for (uint256 i; i < holders.length; ++i) {
            (accounts[i], minted[i]) = (holders[i], amounts[i]);
        }
        (accounts[holders.length], minted[holders.length]) = (address(this), reserve);
        token = new PlainVotesToken(accounts, minted);
        for (uint256 i; i < holders.length; ++i) {
            vm.prank(holders[i]);
            token.delegate(holders[i]);
        }
        vm.warp(T0 + 1);
        subnets = new MockEmissionSubnets();
        otherToken = new MockSubnetToken("OTHER", 18);
        for (uint256 n = 1; n <= 6; ++n) {
            subnets.create(n, address(token));
        }
        subnets.create(7, address(otherToken));
        emission = new NetworkEmission(IERC20(address(token)), ISubnets(address(subnets)), TIMELOCK, settings);
        token.transfer(address(emission), reserve);
    }

    /// @dev Moves to `seconds_` into the next period.
    function _nextPeriod(uint256 seconds_) internal {
        (,, uint256 end) = emission.currentPeriod();
        vm.warp(end + seconds_);
    }

    function _vote(address voter, uint256 netuid, uint256 bps) internal {
        uint256[] memory netuids = new uint256[](1);
        uint16[] memory weights = new uint16[](1);
        (netuids[0], weights[0]) = (netuid, uint16(bps));
        vm.prank(voter);
        emission.vote(netuids, weights);
    }

    function _one(uint256 netuid) internal pure returns (uint256[] memory netuids) {
        netuids = new uint256[](1);
        netuids[0] = netuid;
    }
}

/// @notice Invariants of one network emission under random sequences of {EmissionHandler} actions: four voters (one
/// with 77 units, whose weights round to nothing), a lender holding more than all of them together, and a reserve of
/// about a hundred million tokens released at 0.5% a day, at most half of it to one subnet, at first.
contract NetworkEmissionInvariantTest is EmissionSetup {
    EmissionHandler internal handler;

    function setUp() public {
        address[] memory holders = new address[](5);
        uint256[] memory amounts = new uint256[](5);
        (holders[0], amounts[0]) = (address(0xE000), 1_000_000 * ONE + 7);
        (holders[1], amounts[1]) = (address(0xE001), 2_500_000 * ONE + 13);
        (holders[2], amounts[2]) = (address(0xE002), 333_333 * ONE);
        (holders[3], amounts[3]) = (address(0xE003), 77);
        (holders[4], amounts[4]) = (LENDER, 50_000_000 * ONE);
        INetworkEmission.EmissionSettings memory settings = _settings(50, 5000);
        _deploy(holders, amounts, 100_000_000 * ONE + 1, settings);
        handler = new EmissionHandler(emission, subnets, LENDER, settings);
        // Every voter spreads its votes over the six subnets, at most 1,666 basis points each.
        for (uint256 v; v < handler.VOTERS(); ++v) {
            handler.vote(v, 63, uint256(keccak256(abi.encode(v))), 8);
        }
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome matched the model: each refusal with its error and values, each payment with the shares.
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev Nothing is created or lost: what the emission holds and what the subnets received add up to the initial
    /// reserve and what was sent to it; the subnets hold what they were funded with.
    function invariant_conservation() public view {
        uint256 funded = subnets.totalFunded();
        uint256 held = token.balanceOf(address(emission));
        assertEq(held + funded, handler.initialReserve() + handler.sent(), "tokens created or lost");
        assertEq(token.balanceOf(address(subnets)), funded, "subnets' balance");
        assertEq(funded, handler.totalDistributed(), "funded other than distributed");
        uint256 sum;
        for (uint256 n = 1; n <= handler.SUBNETS(); ++n) {
            sum += subnets.funded(n);
        }
        assertEq(sum, funded, "funded outside the subnets voted for");
        assertEq(subnets.funded(handler.FOREIGN()), 0, "a subnet rewarding in another token funded");
    }

    /// @dev The current period releases `rateBps` of the balance it opened with (rounded down), or of the balance
    /// now before it opens; it distributed at most that, no subnet more than `capBps` of it, and each subnet's share
    /// is the model's. The reserve is the balance less the undistributed release: released = distributed +
    /// undistributed.
    function invariant_periodRelease() public view {
        (uint256 period, uint256 released, uint256 distributed) = emission.periodRelease();
        (uint256 expectedPeriod,, INetworkEmission.EmissionSettings memory s) = handler.clockNow();
        uint256 balance = token.balanceOf(address(emission));
        assertEq(period, expectedPeriod, "period");
        (uint256 openedPeriod, uint256 openingBalance, uint256 release,) = handler.opened();
        if (openedPeriod == period) {
            assertEq(released, openingBalance * s.rateBps / BPS, "release of the opening balance");
            assertEq(released, release, "release other than at the opening");
            assertEq(distributed, handler.distributedIn(period), "distributed");
        } else {
            assertEq(released, balance * s.rateBps / BPS, "release before opening");
            assertEq(distributed, 0, "distributed before opening");
        }
        assertLe(distributed, released, "distributed above the release");
        assertEq(emission.reserve(), balance - (released - distributed), "reserve");
        _assertShares(period, released, s.capBps);
    }

    /// @dev Nothing is stuck: each period opens with the balance the one before opened with, less what that one
    /// distributed (its undistributed rest stays), plus what was sent in between; its release is a fraction of that.
    function invariant_undistributedCarriesOver() public view {
        (uint256 previousPeriod, uint256 previousBalance,, uint256 previousSent) = handler.previous();
        if (previousPeriod == 0) return;
        (, uint256 balance,, uint256 sent) = handler.opened();
        uint256 rest = previousBalance - handler.distributedIn(previousPeriod);
        assertEq(balance, rest + sent - previousSent, "opening balance");
    }

    /// @dev The total weight is the sum of the subnets' weights, each the sum of the voters' contributions (power x
    /// bps / 10,000, each rounded down) as the model keeps them, in the current period and from the next on.
    function invariant_weightsAddUp() public view {
        (uint256 period,,) = handler.clockNow();
        (uint256 totalCurrent, uint256 totalNext) = emission.totalWeight();
        uint256 sumCurrent;
        uint256 sumNext;
        for (uint256 n = 1; n <= handler.UNKNOWN(); ++n) {
            (uint256 current, uint256 next) = emission.weightOf(n);
            assertEq(current, handler.weightIn(n, period), "subnet weight in the current period");
            assertEq(next, handler.weightIn(n, period + 1), "subnet weight from the next period");
            (sumCurrent, sumNext) = (sumCurrent + current, sumNext + next);
        }
        assertEq(totalCurrent, sumCurrent, "total weight in the current period");
        assertEq(totalNext, sumNext, "total weight from the next period");
        assertEq(totalNext, handler.totalIn(period + 1), "total weight from the next period, by voter");
    }

    /// @dev No flash power: each voter's recorded power is at most its votes at the start of the period it was
    /// recorded in, and the ballot is the one the model recorded.
    function invariant_noFlashPower() public view {
        for (uint256 v; v < handler.VOTERS(); ++v) {
            address voter = handler.voterAt(v);
            (uint256 power, uint256 period,,) = emission.ballotOf(voter);
            (uint256 expectedPower, uint256 expectedPeriod, uint256 start) = handler.recorded(voter);
            assertEq(power, expectedPower, "recorded power");
            assertEq(period, expectedPeriod, "recorded period");
            if (period == 0) continue;
            assertLe(power, token.getPastVotes(voter, start - 1), "power above the votes at the period's start");
        }
    }

    /// @dev The documented dust: once every subnet with a share in a period received it, none of them capped, what
    /// the period leaves undistributed is less than the number of subnets with weight (each share rounds down by less
    /// than a unit; a share that rounds down to nothing cannot be distributed, and its fraction stays too). It stays
    /// in the reserve.
    function invariant_dustBound() public view {
        (uint256 period, uint256 released, uint256 distributed) = emission.periodRelease();
        (uint256 openedPeriod,,,) = handler.opened();
        if (openedPeriod != period) return;
        (,, INetworkEmission.EmissionSettings memory s) = handler.clockNow();
        (uint256 total,) = emission.totalWeight();
        uint256 weighted;
        for (uint256 n = 1; n <= handler.SUBNETS(); ++n) {
            (uint256 weight,) = emission.weightOf(n);
            if (weight == 0) continue;
            (uint256 share, bool paid) = emission.shareOf(n);
            if ((share != 0 && !paid) || Math.mulDiv(released, weight, total) > released * s.capBps / BPS) return;
            ++weighted;
        }
        if (weighted != 0) assertLt(released - distributed, weighted, "dust above one unit per subnet");
    }

    /// @dev Each subnet's share of the current period is the model's, at most `capBps` of the release, and so is
    /// what it received.
    function _assertShares(uint256 period, uint256 released, uint256 capBps) private view {
        uint256 cap = released * capBps / BPS;
        for (uint256 n = 1; n <= handler.UNKNOWN(); ++n) {
            uint256 received = handler.distributedTo(period, n);
            assertLe(received, cap, "a subnet above the cap");
            (uint256 share, bool paid) = emission.shareOf(n);
            assertLe(share, cap, "a share above the cap");
            assertEq(share, handler.expectedShare(n, period, released, capBps), "share");
            assertEq(paid, received != 0, "distributed flag");
            if (paid) assertEq(received, share, "received other than the share");
        }
    }

    /// @dev The clock and the settings are the model's: queued settings take effect at their period's start.
    function invariant_clockAndSettings() public view {
        (uint256 period, uint256 start, INetworkEmission.EmissionSettings memory s) = handler.clockNow();
        (uint256 actualPeriod, uint256 actualStart, uint256 end) = emission.currentPeriod();
        assertEq(actualPeriod, period, "period");
        assertEq(actualStart, start, "start");
        assertEq(end, start + s.periodLength, "end");
        INetworkEmission.EmissionSettings memory current;
        INetworkEmission.EmissionSettings memory queued;
        uint256 from;
        (current, queued, from) = emission.settings();
        (INetworkEmission.EmissionSettings memory expectedQueued, uint256 expectedFrom) = handler.queuedNow();
        assertEq(keccak256(abi.encode(current)), keccak256(abi.encode(s)), "settings in force");
        assertEq(from, expectedFrom, "queued from");
        if (from != 0) assertEq(keccak256(abi.encode(queued)), keccak256(abi.encode(expectedQueued)), "queued");
    }
}

/// @notice Properties of one period's shares and of voting power, for any weights, powers and settings.
contract NetworkEmissionFuzzTest is EmissionSetup {
    address internal constant VOTER = address(0xE000);

    /// @dev Six voters with any powers, each voting for subnets picked by its seed: no subnet receives more than
    /// `capBps` of the period's release, whatever the cap, the rate and the reserve.
    function testFuzz_distribute_shareNeverAboveTheCap(
        uint256[6] memory powers,
        uint256[6] memory seeds,
        uint256 rateBps,
        uint256 capBps,
        uint256 reserve
    ) public {
        (uint256 released, INetworkEmission.EmissionSettings memory s) =
            _votedPeriod(powers, seeds, rateBps, capBps, reserve);
        uint256 cap = released * s.capBps / BPS;
        for (uint256 n = 1; n <= 6; ++n) {
            (uint256 share,) = emission.shareOf(n);
            assertLe(share, cap, "share above the cap");
            if (share == 0) continue;
            uint256[] memory amounts = emission.distribute(_one(n));
            assertEq(amounts[0], share, "distributed other than the share");
            assertLe(subnets.funded(n), cap, "funded above the cap");
        }
    }

    /// @dev For any weights (six voters, any powers, any splits), a period's shares add up to at most its release,
    /// and distributing all of them in one batch takes exactly their sum from the emission, leaving less than one unit
    /// per subnet with weight when none is capped.
    function testFuzz_shares_addUpToAtMostTheRelease(
        uint256[6] memory powers,
        uint256[6] memory seeds,
        uint256 rateBps,
        uint256 capBps,
        uint256 reserve
    ) public {
        (uint256 released, INetworkEmission.EmissionSettings memory s) =
            _votedPeriod(powers, seeds, rateBps, capBps, reserve);
        (uint256 total,) = emission.totalWeight();
        uint256[] memory due = new uint256[](6);
        uint256 count;
        uint256 weighted;
        uint256 sum;
        bool capped;
        for (uint256 n = 1; n <= 6; ++n) {
            (uint256 share,) = emission.shareOf(n);
            (uint256 weight,) = emission.weightOf(n);
            if (weight == 0) continue;
            ++weighted;
            capped = capped || Math.mulDiv(released, weight, total) > released * s.capBps / BPS;
            // A share that rounds down to nothing cannot be distributed.
            if (share == 0) continue;
            sum += share;
            due[count++] = n;
        }
        assertLe(sum, released, "shares above the release");
        assembly ("memory-safe") {
            mstore(due, count)
        }
        uint256 before = token.balanceOf(address(emission));
        uint256[] memory amounts = emission.distribute(due);
        uint256 paid;
        for (uint256 i; i < count; ++i) {
            paid += amounts[i];
        }
        assertEq(paid, sum, "distributed other than the shares");
        assertEq(before - token.balanceOf(address(emission)), sum, "emission paid other than the shares");
        assertEq(subnets.totalFunded(), sum, "pools received other than the shares");
        (,, uint256 distributed) = emission.periodRelease();
        assertEq(distributed, sum, "period's distributed");
        // The documented dust: each subnet's share rounds down by less than one unit (to nothing, for some).
        if (!capped && weighted != 0) assertLt(released - sum, weighted, "dust above one unit per subnet");
    }

    /// @dev Tokens bought (or votes delegated) at or after the period's start weigh nothing in the vote: the ballot
    /// counts the votes held just before the start, and the subnet weighs that from the next period; the bought votes
    /// count only once a later period has begun, and only after a refresh.
    function testFuzz_vote_powerBoughtAfterTheStartWeighsNothing(
        uint256 held,
        uint256 bought,
        uint256 delay,
        bool byDelegation
    ) public {
        held = bound(held, 0, 1e9 * ONE);
        bought = bound(bought, 1, 1e9 * ONE);
        address[] memory holders = new address[](2);
        uint256[] memory amounts = new uint256[](2);
        (holders[0], amounts[0]) = (VOTER, held);
        (holders[1], amounts[1]) = (LENDER, bought);
        _deploy(holders, amounts, 1e6 * ONE, _settings(50, BPS));
        _nextPeriod(bound(delay, 0, PERIOD - 1));
        (uint256 period, uint256 start,) = emission.currentPeriod();
        vm.prank(LENDER);
        if (byDelegation) token.delegate(VOTER);
        else token.transfer(VOTER, bought);
        assertEq(token.getVotes(VOTER), held + bought);
        assertEq(emission.powerOf(VOTER), held, "power counts what was bought");
        if (held == 0) {
            vm.expectRevert(abi.encodeWithSelector(INetworkEmission.EmissionNoVotingPower.selector, VOTER));
            _vote(VOTER, 1, BPS);
            return;
        }
        _vote(VOTER, 1, BPS);
        (uint256 power, uint256 recordedIn,,) = emission.ballotOf(VOTER);
        assertEq(power, held, "ballot counts what was bought");
        assertEq(recordedIn, period);
        assertLe(power, token.getPastVotes(VOTER, start - 1));
        assertFalse(emission.refresh(VOTER), "a refresh counted what was bought");
        _nextPeriod(0);
        (uint256 current, uint256 next) = emission.weightOf(1);
        assertEq(current, held, "the bought votes weigh in the next period");
        assertEq(next, held);
        // Held at this period's start, the bought votes count once refreshed, from the period after.
        assertTrue(emission.refresh(VOTER));
        (current, next) = emission.weightOf(1);
        assertEq(current, held);
        assertEq(next, held + bought);
    }

    /// @dev However the voter's votes moved (transfers, delegations, at any time over several periods), a second
    /// refresh, by anyone, changes nothing and says so.
    function testFuzz_refresh_isIdempotent(
        uint256[6] memory powers,
        uint256[6] memory seeds,
        uint256[4] memory moves,
        uint256 voterSeed
    ) public {
        _deployVoters(powers, 1e24, _settings(50, 5000));
        _voteAll(seeds);
        address voter = _voter(voterSeed);
        for (uint256 i; i < moves.length; ++i) {
            _move(moves[i]);
        }
        vm.prank(address(0xCA11));
        emission.refresh(voter);
        bytes memory state = _state(voter);
        vm.prank(address(0xCA12));
        assertFalse(emission.refresh(voter), "a second refresh changed the weight");
        assertEq(keccak256(_state(voter)), keccak256(state), "a second refresh changed the state");
        assertFalse(emission.refresh(voter), "a third refresh changed the weight");
        assertEq(keccak256(_state(voter)), keccak256(state), "a third refresh changed the state");
    }

    // ------------------------------------------------------------ helpers

    function _voter(uint256 seed) internal pure returns (address) {
        return address(uint160(0xE000 + seed % 6));
    }

    /// @dev Six voters holding `powers` (bounded to a billion tokens each, the first at least one unit) and the
    /// emission holding `reserve` (bounded to ten billion tokens).
    function _deployVoters(uint256[6] memory powers, uint256 reserve, INetworkEmission.EmissionSettings memory s)
        internal
    {
        address[] memory holders = new address[](6);
        uint256[] memory amounts = new uint256[](6);
        for (uint256 i; i < 6; ++i) {
            (holders[i], amounts[i]) = (_voter(i), bound(powers[i], i == 0 ? 1 : 0, 1e9 * ONE));
        }
        _deploy(holders, amounts, bound(reserve, 0, 1e10 * ONE), s);
    }

    /// @dev Each voter with votes spreads them over the subnets its seed picks, at most 10,000 / count basis points
    /// each.
    /// @dev Six voters with `powers` vote by `seeds` under any rate and cap, and the period their votes count in
    /// begins: its release and the settings in force.
    function _votedPeriod(
        uint256[6] memory powers,
        uint256[6] memory seeds,
        uint256 rateBps,
        uint256 capBps,
        uint256 reserve
    ) internal returns (uint256 released, INetworkEmission.EmissionSettings memory s) {
        _deployVoters(powers, reserve, _settings(bound(rateBps, 1, 1000), bound(capBps, 500, BPS)));
        _voteAll(seeds);
        _nextPeriod(0);
        (, released,) = emission.periodRelease();
        (s,,) = emission.settings();
    }

    function _voteAll(uint256[6] memory seeds) internal {
        for (uint256 i; i < 6; ++i) {
            address voter = _voter(i);
            if (emission.powerOf(voter) == 0) continue;
            (uint256[] memory netuids, uint16[] memory bps) = EmissionRules.ballot(seeds[i], seeds[i] >> 6, 8);
            vm.prank(voter);
            emission.vote(netuids, bps);
        }
    }

    /// @dev A voter transfers part of its tokens or delegates to another, and time passes (up to a period and a half).
    function _move(uint256 seed) internal {
        address from = _voter(seed);
        address to = _voter(seed >> 8);
        uint256 amount = bound(seed >> 24, 0, token.balanceOf(from));
        vm.prank(from);
        if ((seed >> 16) % 2 == 0) token.transfer(to, amount);
        else token.delegate(to);
        vm.warp(block.timestamp + bound(seed >> 128, 0, PERIOD + PERIOD / 2));
    }

    /// @dev Everything a refresh of `voter` may change.
    function _state(address voter) internal view returns (bytes memory state) {
        (uint256 power, uint256 period, uint256[] memory netuids, uint16[] memory bps) = emission.ballotOf(voter);
        (uint256 current, uint256 next) = emission.totalWeight();
        (, uint256 released, uint256 distributed) = emission.periodRelease();
        state = abi.encode(power, period, netuids, bps, current, next, released, distributed);
        for (uint256 n = 1; n <= 6; ++n) {
            (current, next) = emission.weightOf(n);
            state = bytes.concat(state, abi.encode(current, next));
        }
    }
}

/// @notice A protocol token whose supply is as large as the emission accepts (2^96 - 1 units), so that weights just
/// fit 96 bits as long as they stay below the supply. They need not: a ballot keeps its weight until it is changed or
/// refreshed, so votes moved to another voter weigh twice until someone refreshes the first ballot. Here the first
/// voter votes its whole supply, moves it to the second, who votes it in the next period (or is refused, should a
/// weight past 96 bits be refused), and no one refreshes the first.
contract NetworkEmissionStaleBallotsTest is EmissionSetup {
    address internal constant FIRST = address(0xE000);
    address internal constant SECOND = address(0xE001);
    uint256 internal constant RESERVE = 1e6 * ONE;

    function setUp() public {
        address[] memory holders = new address[](2);
        uint256[] memory amounts = new uint256[](2);
        (holders[0], amounts[0]) = (FIRST, type(uint96).max - RESERVE);
        (holders[1], amounts[1]) = (SECOND, 0);
        _deploy(holders, amounts, RESERVE, _settings(50, 5000));
        vm.prank(FIRST);
        emission.vote(_pair(1, 2), _halves());
        vm.prank(FIRST);
        token.transfer(SECOND, type(uint96).max - RESERVE);
        _nextPeriod(0);
        vm.prank(SECOND);
        try emission.vote(_pair(3, 4), _halves()) {} catch {}
        _nextPeriod(0);
    }

    /// @dev The period's shares add up to at most its release, and so does what it distributes, however far the
    /// stale ballots took the weights.
    function test_distribute_sharesStayWithinTheReleaseWhenStaleBallotsPassTheSupply() public {
        (, uint256 released,) = emission.periodRelease();
        uint256[] memory due = new uint256[](4);
        uint256 count;
        uint256 sum;
        for (uint256 n = 1; n <= 4; ++n) {
            (uint256 share,) = emission.shareOf(n);
            if (share == 0) continue;
            sum += share;
            due[count++] = n;
        }
        assertLe(sum, released, "shares above the release");
        assembly ("memory-safe") {
            mstore(due, count)
        }
        emission.distribute(due);
        (,, uint256 distributed) = emission.periodRelease();
        assertLe(distributed, released, "distributed above the release");
    }

    /// @dev The total weight stays the sum of the subnets' weights, and anyone can still refresh the stale ballot to
    /// nothing (its voter holds nothing now), after which the totals still add up.
    function test_refresh_clearsAStaleBallotWhenStaleBallotsPassTheSupply() public {
        _assertTotalIsTheSum();
        vm.prank(address(0xCA11));
        assertTrue(emission.refresh(FIRST), "the stale ballot was not refreshed");
        (uint256 power,,,) = emission.ballotOf(FIRST);
        assertEq(power, 0);
        _assertTotalIsTheSum();
    }

    function _assertTotalIsTheSum() private view {
        (uint256 current, uint256 next) = emission.totalWeight();
        uint256 sumCurrent;
        uint256 sumNext;
        for (uint256 n = 1; n <= 4; ++n) {
            (uint256 c, uint256 x) = emission.weightOf(n);
            (sumCurrent, sumNext) = (sumCurrent + c, sumNext + x);
        }
        assertEq(current, sumCurrent, "total weight other than the subnets' sum");
        assertEq(next, sumNext, "total weight from the next period other than the subnets' sum");
    }

    function _pair(uint256 a, uint256 b) private pure returns (uint256[] memory netuids) {
        netuids = new uint256[](2);
        (netuids[0], netuids[1]) = (a, b);
    }

    function _halves() private pure returns (uint16[] memory bps) {
        bps = new uint16[](2);
        (bps[0], bps[1]) = (5000, 5000);
    }
}
