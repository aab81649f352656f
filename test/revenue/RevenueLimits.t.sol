// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {NATIVE} from "../fixtures/Constants.sol";

import {IModelRevenue} from "../../contracts/interfaces/IModelRevenue.sol";
import {IModelToken} from "../../contracts/interfaces/IModelToken.sol";
import {ModelToken} from "../../contracts/token/ModelToken.sol";

import {Parking, RevenueSetup} from "./RevenueShare.t.sol";

/// @notice The accumulator's limits under a vanishing eligible supply (M-04), and streams joined by later
/// deposits (M-05).
contract RevenueLimitsTest is RevenueSetup {
    uint256 private constant ACC_MAX = (1 << 127) - 1;
    address private constant HOLDER = address(0xA001);
    address private constant OTHER = address(0xA002);
    address private constant BUYER = address(0xB001);

    function setUp() public {
        _deployProtocol();
    }

    // ------------------------------------------------------------------------------------------------ M-04

    /// @dev One holder, a stream of any length, and mid-stream all but `left` of its units (1 unit half the time)
    /// go into an excluded pool for any time, then come back. Nothing is stranded: once the stream ran out the
    /// holder can claim the whole deposit, less a few units of rounding, and the asset takes the next deposit and
    /// releases it too. (Deposits are within what the accumulator holds at the floor over the token's life.)
    function testFuzz_M04_vanishingEligibleSupplyMidStream(
        uint256 supply,
        uint256 amount,
        uint256 duration,
        uint256 parkAt,
        uint256 parkFor,
        uint256 left,
        bool erc20
    ) public {
        supply = bound(supply, 1 << 20, MAX_SUPPLY);
        duration = bound(duration, 1, 180 days);
        (ModelToken token, Parking pool) = _alone(supply, uint24(duration), erc20);
        uint256 floor = token.minEligibleSupply();
        // Two deposits in all, each within a quarter of what the accumulator holds at the floor.
        amount = bound(amount, 1, Math.min(floor * (1 << 29), _maxDeposit(erc20)));
        left = left % 2 == 0 ? 1 : bound(left, 1, supply);
        parkAt = bound(parkAt, 0, 2 * duration);
        parkFor = bound(parkFor, 0, 10 * duration);

        uint256 start = block.timestamp;
        address asset = _pay(token, amount, erc20);
        vm.warp(start + parkAt);
        vm.prank(HOLDER);
        token.transfer(address(pool), supply - left);
        assertEq(token.eligibleSupply(), left);
        vm.warp(start + parkAt + parkFor);
        vm.prank(address(pool));
        token.transfer(HOLDER, supply - left);
        vm.warp(start + parkAt + parkFor + duration + 1);

        IModelRevenue.AssetInfo memory info = token.assetInfo(asset);
        assertEq(info.unreleased, 0, "unreleased after the stream ran out");
        assertLe(info.accumulator, ACC_MAX, "accumulator past its limit");
        uint256 earned = token.claimable(HOLDER, asset);
        _assertBelowWithin(earned, amount, 6, "more than deposited", "stranded");

        // The asset stays usable.
        _pay(token, amount, erc20);
        vm.warp(block.timestamp + duration);
        uint256 total = token.claimable(HOLDER, asset);
        _assertBelowWithin(total, 2 * amount, 10, "more than deposited", "the next deposit stranded");
    }

    /// @dev However large a stream and however far the eligible supply falls, a release never takes the
    /// accumulator past its limit, and nothing vanishes: what was not released is still owed, as unreleased.
    function testFuzz_M04_releaseNeverPassesTheAccumulatorLimit(
        uint256 supply,
        uint256 amount,
        uint256 left,
        uint256 parkAt,
        uint256 elapsed
    ) public {
        supply = bound(supply, 1, MAX_SUPPLY);
        (ModelToken token, Parking pool) = _alone(supply, 1 days, true);
        amount = bound(amount, 1, Math.min(supply * ((1 << 31) - 1), _maxDeposit(true)));
        left = bound(left, 1, supply);
        parkAt = bound(parkAt, 0, 1 days);
        elapsed = bound(elapsed, 0, 30 days);
        uint256 start = block.timestamp;
        address asset = _pay(token, amount, true);
        vm.warp(start + parkAt);
        vm.prank(HOLDER);
        token.transfer(address(pool), supply - left);
        vm.warp(start + parkAt + elapsed);
        // A checkpoint (any transfer across the exclusion) writes what the views computed.
        vm.prank(address(pool));
        token.transfer(HOLDER, 0);
        vm.prank(HOLDER);
        token.transfer(OTHER, 0);

        IModelRevenue.AssetInfo memory info = token.assetInfo(asset);
        assertLe(info.accumulator, ACC_MAX, "accumulator past its limit");
        uint256 books = token.claimable(HOLDER, asset) + info.unreleased;
        _assertBelowWithin(books, amount, 3, "more than deposited", "lost");
    }

    /// @dev An instant deposit while fewer tokens than the floor earn waits for them instead of inflating the
    /// accumulator: the holder of the last units cannot cheaply exhaust it, and every later deposit is taken.
    function testFuzz_M04_instantDepositIntoASliverWaits(uint256 supply, uint256 amount, uint256 left) public {
        supply = bound(supply, 1 << 20, MAX_SUPPLY);
        (ModelToken token, Parking pool) = _alone(supply, 0, false);
        uint256 floor = token.minEligibleSupply();
        left = bound(left, 1, floor - 1);
        amount = bound(amount, 1, floor * (1 << 30));
        vm.prank(HOLDER);
        token.transfer(address(pool), supply - left);
        _pay(token, amount, false);
        assertEq(token.assetInfo(NATIVE).accumulator, 0, "released to a sliver");
        assertEq(token.assetInfo(NATIVE).unreleased, amount);
        vm.prank(address(pool));
        token.transfer(HOLDER, supply - left);
        vm.warp(block.timestamp + 1);
        assertLe(amount - token.claimable(HOLDER, NATIVE), 2, "what waited was not released");
        _pay(token, amount, false);
        assertLe(2 * amount - token.claimable(HOLDER, NATIVE), 3, "a later deposit");
    }

    // ------------------------------------------------------------------------------------------------ M-05

    /// @dev A stream joined by a second deposit releases no faster than the two deposits would alone, each over
    /// the duration: a buyer who holds `value` tokens for `held` seconds from just before the second deposit earns
    /// at most `held / duration` of its fair share of each, plus a unit. And the first deposit is out by its own
    /// end however small the second (dust cannot hold it back by more than the second's weight).
    function testFuzz_M05_joinedStreamJustInTimeBound(
        uint256 b1,
        uint256 b2,
        uint256 d1,
        uint256 d2,
        uint256 gap,
        uint256 value,
        uint256 held
    ) public {
        uint24 duration = 1 days;
        b1 = bound(b1, 1, MAX_SUPPLY - 1);
        b2 = bound(b2, 1, MAX_SUPPLY - b1);
        IModelToken.Allocation[] memory allocations =
            _allocations(_allocation(HOLDER, b1, false), _allocation(OTHER, b2, false));
        ModelToken token = _token(allocations, _revenue(0, duration, _noAssets()));
        uint256 supply = b1 + b2;
        uint256 max = Math.min(supply * ((1 << 29) - 1), type(uint128).max / 2);
        d1 = bound(d1, 1, max);
        d2 = bound(d2, 1, max);
        gap = bound(gap, 0, 2 * uint256(duration));
        value = bound(value, 0, b1);
        held = bound(held, 0, 3 * uint256(duration));

        uint256 start = block.timestamp;
        _pay(token, d1, false);
        vm.warp(start + gap);
        vm.prank(HOLDER);
        token.transfer(BUYER, value);
        _pay(token, d2, false);
        vm.warp(start + gap + held);
        vm.prank(BUYER);
        token.transfer(HOLDER, value);

        uint256 fair = Math.mulDiv((d1 + d2) * value, Math.min(held, duration), supply * duration);
        assertLe(token.claimable(BUYER, NATIVE), fair + 1, "joined stream above its deposits' rates");
        // Both deposits are out at the later of their own ends, at most.
        vm.warp(start + gap + duration);
        assertEq(token.assetInfo(NATIVE).unreleased, 0, "the joined stream outlived both deposits");
    }

    /// @dev Dust deposits at any pace hold a deposit back by a second each at most (its end is rounded up, never
    /// down): one duration after it was made, at most that many seconds of it are left, and they follow.
    function testFuzz_M05_dustDepositsHoldNothingBack(uint256 amount, uint256 every, uint256 dust) public {
        uint24 duration = 1 days;
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](1);
        allocations[0] = _allocation(HOLDER, 1_000_000 ether, false);
        ModelToken token = _token(allocations, _revenue(0, duration, _noAssets()));
        amount = bound(amount, 1 ether, 1_000_000 ether);
        every = bound(every, 1, 1 hours);
        dust = bound(dust, 1, 1_000);
        uint256 start = block.timestamp;
        _pay(token, amount, false);
        uint256 drips;
        for (uint256 t = every; t < duration && drips < 200; t += every) {
            vm.warp(start + t);
            _pay(token, dust, false);
            ++drips;
        }
        vm.warp(start + duration);
        uint256 late = Math.mulDiv(amount, drips, duration) + 1;
        assertLe(amount - Math.min(amount, token.claimable(HOLDER, NATIVE)), late, "held back by more than a second a drip");
        vm.warp(start + duration + drips);
        assertLe(amount - Math.min(amount, token.claimable(HOLDER, NATIVE)), 2, "the deposit was held back");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    function _maxDeposit(bool erc20) private pure returns (uint256) {
        return erc20 ? type(uint112).max : type(uint128).max;
    }

    /// @dev `HOLDER` holds the whole supply; a pool the DAO excluded while it held nothing waits beside it.
    function _alone(uint256 supply, uint24 duration, bool erc20) private returns (ModelToken token, Parking pool) {
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](1);
        allocations[0] = _allocation(HOLDER, supply, false);
        address[] memory assets = new address[](erc20 ? 1 : 0);
        if (erc20) assets[0] = address(usdc);
        token = _token(allocations, _revenue(0, duration, assets));
        pool = new Parking();
        token.setExcluded(address(pool), true);
    }
}
