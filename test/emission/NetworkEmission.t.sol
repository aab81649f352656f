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
