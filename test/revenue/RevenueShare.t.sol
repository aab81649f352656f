// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {NATIVE, T0} from "../fixtures/Constants.sol";
import {Test} from "../utils/Test.sol";

import {IModelRevenue} from "../../contracts/interfaces/IModelRevenue.sol";
import {IModelToken} from "../../contracts/interfaces/IModelToken.sol";
import {MockStablecoin} from "../../contracts/mocks/MockStablecoin.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelToken} from "../../contracts/token/ModelToken.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice Deploys a registry with one model that this contract owns (so it is the DAO of every token made for
/// that model), and makes model tokens as the launch factory does: clones carrying the registry and the model.
abstract contract RevenueSetup is Test {
    uint256 internal constant MAX_SUPPLY = (1 << 96) - 1;

    /// @dev Pays the deposits of {_pay}.
    address internal constant PAYER = address(0xBEEF);

    ModelRegistry internal registry;
    address internal implementation;
    ModelId internal model;
    /// @dev A 6-decimal stablecoin, for the tests that share an ERC-20.
    MockStablecoin internal usdc;

    function _deployProtocol() internal {
        vm.warp(T0);
        registry = new ModelRegistry();
        implementation = address(new ModelToken());
        model = registry.register("revenue-model", abi.encodePacked(hex"01551220", keccak256("card")), "MIT");
        usdc = new MockStablecoin();
    }

    function _token(IModelToken.Allocation[] memory allocations, IModelRevenue.RevenueParams memory revenue)
        internal
        returns (ModelToken token)
    {
        token = ModelToken(payable(Clones.cloneWithImmutableArgs(implementation, abi.encode(address(registry), model))));
        token.initialize("Revenue Model", "REV", allocations, revenue);
    }

    /// @dev `value` is at most `limit` (rounding never pays out more than there is) and at most `slack` units
    /// below it (what rounding holds back stays bounded); `above` and `short` say which failed.
    function _assertBelowWithin(uint256 value, uint256 limit, uint256 slack, string memory above, string memory short)
        internal
        pure
    {
        assertLe(value, limit, above);
        assertLe(limit - value, slack, short);
    }

    function _allocation(address account, uint256 amount, bool forwards)
        internal
        pure
        returns (IModelToken.Allocation memory)
    {
        return IModelToken.Allocation({account: account, amount: amount, forwardsRevenue: forwards, excluded: false});
    }

    /// @dev The allocations of two accounts, in order.
    function _allocations(IModelToken.Allocation memory first, IModelToken.Allocation memory second)
        internal
        pure
        returns (IModelToken.Allocation[] memory allocations)
    {
        allocations = new IModelToken.Allocation[](2);
        allocations[0] = first;
        allocations[1] = second;
    }

    function _revenue(uint16 reserveBps, uint24 duration, address[] memory assets)
        internal
        pure
        returns (IModelRevenue.RevenueParams memory)
    {
        return IModelRevenue.RevenueParams({reserveBps: reserveBps, streamDuration: duration, assets: assets});
    }

    function _noAssets() internal pure returns (address[] memory) {
        return new address[](0);
    }

    /// @dev Deposits `amount` of ETH or USDC from a payer; returns the asset.
    function _pay(ModelToken token, uint256 amount, bool erc20) internal returns (address asset) {
        if (erc20) {
            usdc.mint(PAYER, amount);
            vm.startPrank(PAYER);
            usdc.approve(address(token), amount);
            token.deposit(address(usdc), amount);
            vm.stopPrank();
            return address(usdc);
        }
        vm.deal(PAYER, amount);
        vm.prank(PAYER);
        token.depositETH{value: amount}();
        return NATIVE;
    }
}

/// @notice Fuzz tests of the sharing rules: exact splits, transfers, streams, exclusion, forwarding, redemption.
contract RevenueShareFuzzTest is RevenueSetup {
    address private constant HOLDER_1 = address(0xA001);
    address private constant HOLDER_2 = address(0xA002);
    address private constant BUYER = address(0xB001);

    function setUp() public {
        _deployProtocol();
    }

    /// @dev Two holders of any balances split any deposit, in ETH or an ERC-20, to within 2 units: each gets its
    /// exact share rounded down, less at most 1 unit lost to the accumulator's own rounding.
    function testFuzz_deposit_twoHoldersSplitExactly(uint256 b1, uint256 b2, uint256 amount, bool erc20) public {
        (ModelToken token, uint256 supply) = _twoHolders(b1, b2, erc20);
        b1 = token.balanceOf(HOLDER_1);
        b2 = token.balanceOf(HOLDER_2);
        // Within what the accumulator takes: below 2**31 units per token unit, and what an ERC-20 can hold.
        amount = bound(amount, 1, Math.min(supply * ((1 << 31) - 1), _maxDeposit(erc20)));
        address asset = _pay(token, amount, erc20);

        uint256 c1 = token.claimable(HOLDER_1, asset);
        uint256 c2 = token.claimable(HOLDER_2, asset);
        uint256 exact1 = Math.mulDiv(amount, b1, supply);
        uint256 exact2 = Math.mulDiv(amount, b2, supply);
        assertLe(c1, exact1, "holder 1 above its share");
        assertLe(c2, exact2, "holder 2 above its share");
        assertLe(exact1 - c1, 1, "holder 1 short");
        assertLe(exact2 - c2, 1, "holder 2 short");
        assertLe(c1 + c2, amount, "more than deposited");
        assertLe(amount - (c1 + c2), 2, "dust above 2 units");
    }

    /// @dev A holder who sells part of its balance between two deposits keeps what it earned from the first,
    /// and the buyer earns from the second only: each to within 2 units of its exact share.
    function testFuzz_transfer_sellerKeepsWhatItEarned(
        uint256 b1,
        uint256 b2,
        uint256 d1,
        uint256 d2,
        uint256 value,
        bool erc20
    ) public {
        (ModelToken token, uint256 supply) = _twoHolders(b1, b2, erc20);
        b1 = token.balanceOf(HOLDER_1);
        b2 = token.balanceOf(HOLDER_2);
        uint256 max = Math.min(supply * ((1 << 30) - 1), _maxDeposit(erc20) / 2);
        d1 = bound(d1, 1, max);
        d2 = bound(d2, 1, max);
        value = bound(value, 0, b1);
        address asset = _pay(token, d1, erc20);
        vm.prank(HOLDER_1);
        token.transfer(HOLDER_2, value);
        _pay(token, d2, erc20);

        uint256 c1 = token.claimable(HOLDER_1, asset);
        uint256 c2 = token.claimable(HOLDER_2, asset);
        uint256 exact1 = (d1 * b1 + d2 * (b1 - value)) / supply;
        uint256 exact2 = (d1 * b2 + d2 * (b2 + value)) / supply;
        assertLe(c1, exact1, "seller above its share");
        assertLe(c2, exact2, "buyer above its share");
        assertLe(exact1 - c1, 3, "seller short");
        assertLe(exact2 - c2, 3, "buyer short");
        assertLe(c1 + c2, d1 + d2, "more than deposited");
        assertLe(d1 + d2 - (c1 + c2), 4, "dust above 4 units");
    }

    /// @dev A streamed deposit is released linearly: after `elapsed` of `duration` seconds the holders can claim
    /// `amount * elapsed / duration`, less at most 3 units (the rate's rounding and each holder's).
    function testFuzz_stream_releasesLinearly(
        uint256 b1,
        uint256 b2,
        uint256 amount,
        uint256 duration,
        uint256 elapsed,
        bool erc20
    ) public {
        duration = bound(duration, 1, 180 days);
        (ModelToken token, uint256 supply) = _twoHoldersStreaming(b1, b2, uint24(duration), erc20);
        amount = bound(amount, 1, Math.min(supply * ((1 << 31) - 1), _maxDeposit(erc20)));
        elapsed = bound(elapsed, 0, 2 * duration);
        uint256 start = block.timestamp;
        address asset = _pay(token, amount, erc20);
        vm.warp(start + elapsed);

        uint256 released = Math.mulDiv(amount, Math.min(elapsed, duration), duration);
        uint256 sum = token.claimable(HOLDER_1, asset) + token.claimable(HOLDER_2, asset);
        _assertBelowWithin(sum, released, 3, "above the release", "release short");
        IModelRevenue.AssetInfo memory info = token.assetInfo(asset);
        assertLe(sum + info.unreleased, amount, "released and unreleased above the deposit");
        assertLe(amount - (sum + info.unreleased), 4, "released and unreleased short");
    }

    /// @dev Buying `value` tokens just before a streamed deposit and selling them `held` seconds after earns at
    /// most their share of what was released meanwhile (plus one unit of rounding).
    function testFuzz_stream_sandwichEarnsOnlyItsTime(
        uint256 b1,
        uint256 b2,
        uint256 amount,
        uint256 value,
        uint256 held,
        bool erc20
    ) public {
        uint24 duration = 7 days;
        (ModelToken token, uint256 supply) = _twoHoldersStreaming(b1, b2, duration, erc20);
        amount = bound(amount, 1, Math.min(supply * ((1 << 31) - 1), _maxDeposit(erc20)));
        value = bound(value, 0, token.balanceOf(HOLDER_1));
        held = bound(held, 0, 2 * uint256(duration));
        vm.prank(HOLDER_1);
        token.transfer(BUYER, value);
        address asset = _pay(token, amount, erc20);
        vm.warp(block.timestamp + held);
        vm.prank(BUYER);
        token.transfer(HOLDER_1, value);

        uint256 fair = Math.mulDiv(amount * value, Math.min(held, duration), supply * duration);
        assertLe(token.claimable(BUYER, asset), fair + 1, "sandwich above its time share");
        // Later releases never reach the seller of the sandwich.
        vm.warp(block.timestamp + 2 * uint256(duration));
        assertLe(token.claimable(BUYER, asset), fair + 1, "sandwich earned after selling");
    }

    /// @dev A holder (a contract here) that excludes itself keeps what it earned and earns nothing while
    /// excluded; included again it earns from then on. Nothing is stranded: every deposit ends up claimable, less a
    /// few units, including one made while so few tokens earned that it waited for them.
    function testFuzz_setExcludedSelf_keepsEarningsAndStrandsNothing(
        uint256 b1,
        uint256 bPool,
        uint256 d1,
        uint256 d2,
        uint256 d3
    ) public {
        b1 = bound(b1, 1, MAX_SUPPLY / 2);
        bPool = bound(bPool, 1, MAX_SUPPLY / 2);
        uint256 supply = b1 + bPool;
        Parking pool = new Parking();
        IModelToken.Allocation[] memory allocations =
            _allocations(_allocation(HOLDER_1, b1, false), _allocation(address(pool), bPool, false));
        ModelToken token = _token(allocations, _revenue(0, 0, _noAssets()));
        d1 = bound(d1, 1, Math.min(supply * ((1 << 29) - 1), type(uint120).max));
        d2 = bound(d2, 1, Math.min(b1 * ((1 << 29) - 1), type(uint120).max));
        d3 = bound(d3, 1, Math.min(supply * ((1 << 29) - 1), type(uint120).max));

        _pay(token, d1, false);
        uint256 earned = token.claimable(address(pool), NATIVE);
        vm.prank(address(pool));
        token.setExcludedSelf(true);
        assertEq(token.claimable(address(pool), NATIVE), earned, "exclusion changed the earnings");
        assertEq(token.eligibleSupply(), b1);
        _pay(token, d2, false);
        assertEq(token.claimable(address(pool), NATIVE), earned, "earned while excluded");
        vm.prank(address(pool));
        token.setExcludedSelf(false);
        assertLe(earned - token.claimable(address(pool), NATIVE), 1, "inclusion took more than a unit");
        _pay(token, d3, false);
        // What waited for enough tokens to earn (when the holder's were most of the supply) is out a second later.
        vm.warp(block.timestamp + 1);

        uint256 sum = token.claimable(HOLDER_1, NATIVE) + token.claimable(address(pool), NATIVE);
        uint256 total = d1 + d2 + d3;
        _assertBelowWithin(sum, total, 7, "more than deposited", "stranded above 7 units");
    }

    /// @dev What a forwarding account's tokens earned moves to the accounts it sends them to, pro rata, and all
    /// of it once its balance is gone: its buyers receive the whole of it, less a unit per side of each transfer
    /// (the sender's split of its accrual, the receiver's start from the accumulator), 5 for these 3 sales.
    function testFuzz_forwarding_movesEverythingWithTheTokens(
        uint256 bDesk,
        uint256 b1,
        uint256 amount,
        uint256 s1,
        uint256 s2
    ) public {
        address desk = address(0xD35C);
        bDesk = bound(bDesk, 3, MAX_SUPPLY / 2);
        b1 = bound(b1, 1, MAX_SUPPLY / 2);
        uint256 supply = bDesk + b1;
        IModelToken.Allocation[] memory allocations =
            _allocations(_allocation(desk, bDesk, true), _allocation(HOLDER_1, b1, false));
        ModelToken token = _token(allocations, _revenue(0, 0, _noAssets()));
        amount = bound(amount, 1, Math.min(supply * ((1 << 31) - 1), type(uint128).max));
        _pay(token, amount, false);
        uint256 earned = token.claimable(desk, NATIVE);

        uint256[3] memory parts;
        parts[0] = bound(s1, 1, bDesk - 2);
        parts[1] = bound(s2, 1, bDesk - parts[0] - 1);
        parts[2] = bDesk - parts[0] - parts[1];
        uint256 received;
        for (uint256 i; i < 3; ++i) {
            address buyer = address(uint160(0xB100 + i));
            vm.prank(desk);
            token.transfer(buyer, parts[i]);
            received += token.claimable(buyer, NATIVE);
        }
        assertEq(token.balanceOf(desk), 0);
        assertEq(token.claimable(desk, NATIVE), 0, "the desk kept earnings");
        _assertBelowWithin(
            received,
            earned,
            5,
            "buyers received more than the desk earned",
            "buyers short by more than a unit per transfer side"
        );
    }

    /// @dev Burning `burned` of the supply pays exactly that share of the reserve, rounded down, and leaves what
    /// the tokens earned claimable.
    function testFuzz_redeem_paysItsShareOfTheReserve(
        uint256 b1,
        uint256 b2,
        uint256 bps,
        uint256 amount,
        uint256 burned
    ) public {
        b1 = bound(b1, 1, MAX_SUPPLY / 2);
        b2 = bound(b2, 1, MAX_SUPPLY / 2);
        uint256 supply = b1 + b2;
        bps = bound(bps, 1, 10_000);
        IModelToken.Allocation[] memory allocations =
            _allocations(_allocation(HOLDER_1, b1, false), _allocation(HOLDER_2, b2, false));
        ModelToken token = _token(allocations, _revenue(uint16(bps), 0, _noAssets()));
        amount = bound(amount, 1, Math.min(supply * ((1 << 31) - 1), type(uint128).max));
        _pay(token, amount, false);
        uint256 reserve = amount * bps / 10_000;
        assertEq(token.assetInfo(NATIVE).reserve, reserve);
        uint256 earned = token.claimable(HOLDER_1, NATIVE);

        burned = bound(burned, 1, b1);
        address to = address(0xF00D);
        vm.prank(HOLDER_1);
        uint256[] memory paid = token.redeem(burned, to);
        assertEq(paid[0], Math.mulDiv(reserve, burned, supply), "reserve share");
        assertEq(to.balance, paid[0]);
        assertEq(token.totalSupply(), supply - burned);
        assertEq(token.eligibleSupply(), supply - burned);
        assertEq(token.assetInfo(NATIVE).reserve, reserve - paid[0]);
        assertLe(earned - token.claimable(HOLDER_1, NATIVE), 1, "burning took the earnings");
    }

    // ------------------------------------------------------------ helpers

    /// @dev The most a fuzzed deposit may be: ETH amounts up to 2**128, ERC-20 amounts well within what the
    /// token can hold of one asset.
    function _maxDeposit(bool erc20) private pure returns (uint256) {
        return erc20 ? type(uint112).max : type(uint128).max;
    }

    function _twoHolders(uint256 b1, uint256 b2, bool erc20) private returns (ModelToken token, uint256 supply) {
        return _twoHoldersStreaming(b1, b2, 0, erc20);
    }

    function _twoHoldersStreaming(uint256 b1, uint256 b2, uint24 duration, bool erc20)
        private
        returns (ModelToken token, uint256 supply)
    {
        b1 = bound(b1, 1, MAX_SUPPLY - 1);
        b2 = bound(b2, 1, MAX_SUPPLY - b1);
        IModelToken.Allocation[] memory allocations =
            _allocations(_allocation(HOLDER_1, b1, false), _allocation(HOLDER_2, b2, false));
        address[] memory assets = new address[](erc20 ? 1 : 0);
        if (erc20) assets[0] = address(usdc);
        token = _token(allocations, _revenue(0, duration, assets));
        supply = b1 + b2;
    }
}

/// @notice A contract that holds model tokens (a pool, a vault): the kind of account the DAO excludes. Tests move
/// its tokens by pranking it; it accepts the revenue claimed for it.
contract Parking {
    receive() external payable {}
}
