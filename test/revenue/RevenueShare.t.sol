// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";

import {IModelRevenue} from "../../contracts/interfaces/IModelRevenue.sol";
import {IModelToken} from "../../contracts/interfaces/IModelToken.sol";
import {MockStablecoin} from "../../contracts/mocks/MockStablecoin.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelToken} from "../../contracts/token/ModelToken.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice Deploys a registry with one model that this contract owns (so it is the DAO of every token made for
/// that model), and makes model tokens as the launch factory does: clones carrying the registry and the model.
abstract contract RevenueSetup is Test {
    address internal constant NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;
    uint256 internal constant MAX_SUPPLY = (1 << 96) - 1;
    uint256 internal constant T0 = 1_700_000_000;

    ModelRegistry internal registry;
    address internal implementation;
    ModelId internal model;

    function _deployProtocol() internal {
        vm.warp(T0);
        registry = new ModelRegistry();
        implementation = address(new ModelToken());
        model = registry.register("revenue-model", abi.encodePacked(hex"01551220", keccak256("card")), "MIT");
    }

    function _token(IModelToken.Allocation[] memory allocations, IModelRevenue.RevenueParams memory revenue)
        internal
        returns (ModelToken token)
    {
        token = ModelToken(payable(Clones.cloneWithImmutableArgs(implementation, abi.encode(address(registry), model))));
        token.initialize("Revenue Model", "REV", allocations, revenue);
    }

    function _allocation(address account, uint256 amount, bool forwards)
        internal
        pure
        returns (IModelToken.Allocation memory)
    {
        return IModelToken.Allocation({account: account, amount: amount, forwardsRevenue: forwards});
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
}

/// @notice Fuzz tests of the sharing rules: exact splits, transfers, streams, exclusion, forwarding, redemption.
contract RevenueShareFuzzTest is RevenueSetup {
    address private constant HOLDER_1 = address(0xA001);
    address private constant HOLDER_2 = address(0xA002);
    address private constant BUYER = address(0xB001);
    address private constant PAYER = address(0xBEEF);

    MockStablecoin private usdc;

    function setUp() public {
        _deployProtocol();
        usdc = new MockStablecoin();
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
        assertLe(sum, released, "above the release");
        assertLe(released - sum, 3, "release short");
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

    /// @dev An excluded contract keeps what it earned and earns nothing while excluded; included again it earns
    /// from then on. Nothing is stranded: every deposit ends up claimable, less a few units.
    function testFuzz_setExcluded_keepsEarningsAndStrandsNothing(
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
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](2);
        allocations[0] = _allocation(HOLDER_1, b1, false);
        allocations[1] = _allocation(address(pool), bPool, false);
        ModelToken token = _token(allocations, _revenue(0, 0, _noAssets()));
        d1 = bound(d1, 1, Math.min(supply * ((1 << 29) - 1), type(uint120).max));
        d2 = bound(d2, 1, Math.min(b1 * ((1 << 29) - 1), type(uint120).max));
        d3 = bound(d3, 1, Math.min(supply * ((1 << 29) - 1), type(uint120).max));

        _pay(token, d1, false);
        uint256 earned = token.claimable(address(pool), NATIVE);
        token.setExcluded(address(pool), true);
        assertEq(token.claimable(address(pool), NATIVE), earned, "exclusion changed the earnings");
        assertEq(token.eligibleSupply(), b1);
        _pay(token, d2, false);
        assertEq(token.claimable(address(pool), NATIVE), earned, "earned while excluded");
        token.setExcluded(address(pool), false);
        assertLe(earned - token.claimable(address(pool), NATIVE), 1, "inclusion took more than a unit");
        _pay(token, d3, false);

        uint256 sum = token.claimable(HOLDER_1, NATIVE) + token.claimable(address(pool), NATIVE);
        uint256 total = d1 + d2 + d3;
        assertLe(sum, total, "more than deposited");
        assertLe(total - sum, 7, "stranded above 7 units");
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
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](2);
        allocations[0] = _allocation(desk, bDesk, true);
        allocations[1] = _allocation(HOLDER_1, b1, false);
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
        assertLe(received, earned, "buyers received more than the desk earned");
        assertLe(earned - received, 5, "buyers short by more than a unit per transfer side");
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
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](2);
        allocations[0] = _allocation(HOLDER_1, b1, false);
        allocations[1] = _allocation(HOLDER_2, b2, false);
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
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](2);
        allocations[0] = _allocation(HOLDER_1, b1, false);
        allocations[1] = _allocation(HOLDER_2, b2, false);
        address[] memory assets = new address[](erc20 ? 1 : 0);
        if (erc20) assets[0] = address(usdc);
        token = _token(allocations, _revenue(0, duration, assets));
        supply = b1 + b2;
    }

    /// @dev Deposits `amount` of ETH or USDC from a payer; returns the asset.
    function _pay(ModelToken token, uint256 amount, bool erc20) private returns (address asset) {
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

/// @notice A contract that holds model tokens (a pool, a vault): the kind of account the DAO excludes. Tests move
/// its tokens by pranking it; it accepts the revenue claimed for it.
contract Parking {
    receive() external payable {}
}

/// @notice Drives one model token with random deposits of ETH and two ERC-20s (released at once or streamed),
/// transfers among three holders, an excludable contract and a forwarding account (as the sale is), claims of
/// every kind, redemptions, exclusions and inclusions, stream durations, an ERC-20's removal and return, and
/// time. It is the model's owner, hence the token's DAO. Every action is made whether or not it should succeed;
/// an outcome other than the expected one, or a payment other than what the views announced, is counted in
/// {surprises}, which an invariant keeps at zero.
contract RevenueHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address private constant NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;
    uint256 private constant ACC_MAX = (1 << 127) - 1;
    uint256 public constant ASSETS = 3;
    uint256 public constant HOLDERS = 5;
    address private constant PAYER = address(0xBEEF);
    address private constant SINK = address(0x5111C);

    ModelToken public immutable token;
    Parking public immutable pool;
    address public immutable desk;
    MockStablecoin public immutable coinA;
    MockStablecoin public immutable coinB;

    uint256 public currentTime;
    /// @notice Per asset (ETH, coinA, coinB): everything deposited, claimed and paid out of the reserve.
    uint256[3] public deposited;
    uint256[3] public claimed;
    uint256[3] public redeemed;
    /// @notice Successful calls that change the token's books (claims and settings included).
    uint256 public operations;
    /// @notice The most dust seen after any call, per asset.
    uint256[3] public maxDust;
    /// @notice Successful calls per action.
    mapping(bytes4 action => uint256) public successes;

    uint256 public surprises;
    string public firstSurprise;

    constructor(ModelToken token_, address desk_, MockStablecoin coinA_, MockStablecoin coinB_) {
        token = token_;
        desk = desk_;
        coinA = coinA_;
        coinB = coinB_;
        pool = new Parking();
        currentTime = block.timestamp;
    }

    // ------------------------------------------------------------ actions

    function depositETH(uint256 amount) external {
        vm.warp(currentTime);
        amount = _bound(amount, 0, 1_000 ether);
        vm.deal(PAYER, amount);
        vm.prank(PAYER);
        try token.depositETH{value: amount}() {
            _deposited(0, amount);
        } catch (bytes memory err) {
            _depositRefused(0, amount, err);
        }
    }

    function depositToken(uint256 assetSeed, uint256 amount) external {
        vm.warp(currentTime);
        uint256 i = 1 + assetSeed % 2;
        MockStablecoin coin = i == 1 ? coinA : coinB;
        amount = _bound(amount, 0, 1e15);
        coin.mint(PAYER, amount);
        vm.startPrank(PAYER);
        coin.approve(address(token), amount);
        try token.deposit(address(coin), amount) {
            vm.stopPrank();
            _deposited(i, amount);
        } catch (bytes memory err) {
            vm.stopPrank();
            _depositRefused(i, amount, err);
        }
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        vm.warp(currentTime);
        address from = holder(fromSeed);
        address to = holder(toSeed);
        amount = _bound(amount, 0, token.balanceOf(from));
        uint256[3] memory before = _claimableSums();
        vm.prank(from);
        try token.transfer(to, amount) {}
        catch {
            return _surprise("transfer refused");
        }
        // A transfer creates no revenue. (What it rounds away is bounded by the dust invariant, not here: a holder
        // whose rounding left it owing a unit or two shows 0 as claimable, and its debt surfaces only when it
        // next earns, so the sum of what the views show may drop by more than this transfer's own rounding.)
        uint256[3] memory afterwards = _claimableSums();
        for (uint256 i; i < ASSETS; ++i) {
            if (afterwards[i] > before[i]) return _surprise("transfer created revenue");
        }
        _operated();
    }

    function claim(uint256 holderSeed, uint256 assetSeed, uint256 mode) external {
        vm.warp(currentTime);
        address account = holder(holderSeed);
        uint256 i = assetSeed % ASSETS;
        address asset = assetAt(i);
        uint256 due = token.claimable(account, asset);
        bool forwards = account == desk;
        bool expected = !forwards && due != 0;
        // Mode 0: the holder claims to a sink; mode 1: anyone claims for the holder, who is paid.
        bool byHolder = mode % 2 == 0;
        address to = byHolder ? SINK : account;
        uint256 before = _balanceOf(i, to);
        bytes memory call = byHolder
            ? abi.encodeCall(IModelRevenue.claim, (asset, SINK))
            : abi.encodeCall(IModelRevenue.claimFor, (account, asset));
        if (byHolder) vm.prank(account);
        (bool ok, bytes memory result) = address(token).call(call);
        if (ok != expected) {
            return _surprise(ok ? "claim accepted what it should refuse" : "claim refused what it should accept");
        }
        if (!ok) {
            bytes4 wanted =
                forwards ? IModelRevenue.RevenueHolderForwards.selector : IModelRevenue.RevenueNothingToClaim.selector;
            if (bytes4(result) != wanted) _surprise("claim refused for another reason");
            return;
        }
        uint256 amount = abi.decode(result, (uint256));
        if (amount != due || _balanceOf(i, to) - before != due) return _surprise("claim paid other than claimable");
        if (token.claimable(account, asset) != 0) return _surprise("claimed and still claimable");
        claimed[i] += amount;
        _operated();
    }

    function claimAll(uint256 holderSeed, uint256 mode) external {
        vm.warp(currentTime);
        address account = holder(holderSeed);
        (, uint256[] memory due) = token.claimableAll(account);
        bool any;
        for (uint256 i; i < ASSETS; ++i) {
            any = any || due[i] != 0;
        }
        bool forwards = account == desk;
        bool expected = !forwards && any;
        uint256[] memory paid;
        bool ok;
        if (mode % 2 == 0) {
            vm.prank(account);
            try token.claimAll(SINK) returns (uint256[] memory amounts) {
                (ok, paid) = (true, amounts);
            } catch {}
        } else {
            try token.claimAllFor(account) returns (uint256[] memory amounts) {
                (ok, paid) = (true, amounts);
            } catch {}
        }
        if (ok != expected) {
            return _surprise(ok ? "claimAll accepted what it should refuse" : "claimAll refused what it should accept");
        }
        if (!ok) return;
        for (uint256 i; i < ASSETS; ++i) {
            if (paid[i] != due[i]) return _surprise("claimAll paid other than claimable");
            claimed[i] += paid[i];
        }
        _operated();
    }

    function redeem(uint256 holderSeed, uint256 amount) external {
        vm.warp(currentTime);
        // The desk (the sale) never redeems; the others redeem at most half their balance.
        address account = holder(holderSeed % 4);
        amount = _bound(amount, 0, token.balanceOf(account) / 2);
        uint256 supply = token.totalSupply();
        uint256[3] memory due;
        uint256[3] memory earned;
        for (uint256 i; i < ASSETS; ++i) {
            due[i] = Math.mulDiv(token.assetInfo(assetAt(i)).reserve, amount, supply);
            earned[i] = token.claimable(account, assetAt(i));
        }
        bool ok;
        uint256[] memory paid;
        vm.prank(account);
        try token.redeem(amount, SINK) returns (uint256[] memory p) {
            (ok, paid) = (true, p);
        } catch {}
        if (ok != (amount != 0)) return _surprise(ok ? "redeem accepted nothing" : "redeem refused");
        if (!ok) return;
        for (uint256 i; i < ASSETS; ++i) {
            if (paid[i] != due[i]) return _surprise("redeem paid other than its share of the reserve");
            uint256 left = token.claimable(account, assetAt(i));
            if (left > earned[i] || earned[i] - left > 1) return _surprise("redeem changed the earnings");
            redeemed[i] += paid[i];
        }
        _operated();
    }

    function setExcluded(bool excluded) external {
        vm.warp(currentTime);
        bool expected = token.isExcluded(address(pool)) != excluded;
        uint256[3] memory before;
        for (uint256 i; i < ASSETS; ++i) {
            before[i] = token.claimable(address(pool), assetAt(i));
        }
        try token.setExcluded(address(pool), excluded) {
            if (!expected) return _surprise("setExcluded accepted no change");
        } catch {
            if (expected) _surprise("setExcluded refused a change");
            return;
        }
        for (uint256 i; i < ASSETS; ++i) {
            uint256 now_ = token.claimable(address(pool), assetAt(i));
            if (now_ > before[i] || before[i] - now_ > 1) return _surprise("setExcluded changed the earnings");
        }
        _operated();
    }

    function setStreamDuration(uint256 assetSeed, uint256 duration) external {
        vm.warp(currentTime);
        // Half the time at once, else up to 10 days.
        duration = duration % 2 == 0 ? 0 : _bound(duration >> 1, 1, 10 days);
        token.setStreamDuration(assetAt(assetSeed % ASSETS), uint24(duration));
        _operated();
    }

    function toggleCoinB() external {
        vm.warp(currentTime);
        if (token.assetInfo(address(coinB)).active) token.removeAsset(address(coinB));
        else token.allowAsset(address(coinB));
        _operated();
    }

    function warp(uint256 seconds_) external {
        currentTime += _bound(seconds_, 0, 3 days);
        vm.warp(currentTime);
        _recordDust();
    }

    /// @notice Not an action: includes the pool, lets every stream run out, moves the desk's tokens (and its
    /// earnings) to a holder, and claims everything for everyone.
    function drain() external {
        if (token.isExcluded(address(pool))) this.setExcluded(false);
        currentTime += 200 days;
        vm.warp(currentTime);
        uint256 deskBalance = token.balanceOf(desk);
        if (deskBalance != 0) this.transfer(4, 0, deskBalance);
        for (uint256 h; h < HOLDERS; ++h) {
            (, uint256[] memory due) = token.claimableAll(holder(h));
            bool any;
            for (uint256 i; i < ASSETS; ++i) {
                any = any || due[i] != 0;
            }
            if (any) this.claimAll(h, 1);
        }
    }

    /// @notice Not an action: every holder but the desk redeems its whole balance.
    function redeemAll() external {
        for (uint256 h; h < 4; ++h) {
            address account = holder(h);
            uint256 balance = token.balanceOf(account);
            if (balance == 0) continue;
            vm.prank(account);
            uint256[] memory paid = token.redeem(balance, SINK);
            for (uint256 i; i < ASSETS; ++i) {
                redeemed[i] += paid[i];
            }
            _operated();
        }
    }

    // ------------------------------------------------------------ reading

    function holder(uint256 seed) public view returns (address) {
        uint256 h = seed % HOLDERS;
        if (h < 3) return address(uint160(0xA000 + h));
        return h == 3 ? address(pool) : desk;
    }

    function assetAt(uint256 i) public view returns (address) {
        return i == 0 ? NATIVE : i == 1 ? address(coinA) : address(coinB);
    }

    /// @notice What asset `i`'s books account for: claimed, redeemed, claimable by every holder, unreleased and
    /// reserved.
    function accounted(uint256 i) public view returns (uint256 sum) {
        address asset = assetAt(i);
        IModelRevenue.AssetInfo memory info = token.assetInfo(asset);
        sum = claimed[i] + redeemed[i] + info.unreleased + info.reserve;
        for (uint256 h; h < HOLDERS; ++h) {
            sum += token.claimable(holder(h), asset);
        }
    }

    /// @notice The bound on dust (deposited, less everything the books account for) that the invariants check:
    /// HOLDERS + 2 + 2 * operations. Every holder's claimable is its accrual rounded down (less than a unit each),
    /// the views round the accumulator and the unreleased part down (one more each), and no operation rounds away
    /// more than 2 units for good: a transfer 1 per side, a deposit, a redemption or an exclusion 1, a claim
    /// none. (Accumulator checkpoints also round down, by less than eligible / 2**96 of a unit: about 2**-13 here.)
    /// Measured over the default runs and other seeds: at most 7 + operations / 4, e.g. 14 units after 46
    /// operations.
    function dustBound() public view returns (uint256) {
        return HOLDERS + 2 + 2 * operations;
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](10);
        selectors[0] = this.depositETH.selector;
        selectors[1] = this.depositToken.selector;
        selectors[2] = this.transfer.selector;
        selectors[3] = this.claim.selector;
        selectors[4] = this.claimAll.selector;
        selectors[5] = this.redeem.selector;
        selectors[6] = this.setExcluded.selector;
        selectors[7] = this.setStreamDuration.selector;
        selectors[8] = this.toggleCoinB.selector;
        selectors[9] = this.warp.selector;
    }

    // ------------------------------------------------------------ internal

    function _deposited(uint256 i, uint256 amount) private {
        if (!_depositExpected(i, amount)) return _surprise("deposit accepted what it should refuse");
        deposited[i] += amount;
        _operated();
    }

    function _depositRefused(uint256 i, uint256 amount, bytes memory err) private {
        bytes4 reason = bytes4(err);
        if (reason == IModelRevenue.RevenueDepositTooLarge.selector && _mayBeTooLarge(i, amount)) return;
        if (_depositExpected(i, amount)) return _surprise("deposit refused what it should accept");
        if (amount == 0) {
            if (reason != IModelRevenue.RevenueZeroAmount.selector) _surprise("zero deposit refused for another reason");
        } else if (!token.assetInfo(assetAt(i)).active) {
            if (reason != IModelRevenue.RevenueAssetNotAllowed.selector) _surprise("removed asset refused for another reason");
        } else if (reason != IModelRevenue.RevenueNoEligibleSupply.selector) {
            _surprise("deposit refused for another reason");
        }
    }

    function _depositExpected(uint256 i, uint256 amount) private view returns (bool) {
        IModelRevenue.AssetInfo memory info = token.assetInfo(assetAt(i));
        uint256 shared = amount - amount * token.reserveBps() / 10_000;
        return amount != 0 && info.active && (shared == 0 || info.eligibleSupply != 0);
    }

    /// @dev Whether a deposit may exceed what the accumulator holds: a loose test, for an eligible supply that
    /// burns and exclusions left tiny.
    function _mayBeTooLarge(uint256 i, uint256 amount) private view returns (bool) {
        IModelRevenue.AssetInfo memory info = token.assetInfo(assetAt(i));
        if (info.eligibleSupply == 0) return false;
        return info.accumulator + ((info.unreleased + amount) << 96) / info.eligibleSupply > ACC_MAX / 2;
    }

    function _claimableSums() private view returns (uint256[3] memory sums) {
        for (uint256 i; i < ASSETS; ++i) {
            for (uint256 h; h < HOLDERS; ++h) {
                sums[i] += token.claimable(holder(h), assetAt(i));
            }
        }
    }

    function _balanceOf(uint256 i, address account) private view returns (uint256) {
        return i == 0 ? account.balance : IERC20(assetAt(i)).balanceOf(account);
    }

    function _operated() private {
        ++operations;
        ++successes[msg.sig];
        _recordDust();
    }

    function _recordDust() private {
        for (uint256 i; i < ASSETS; ++i) {
            uint256 books = accounted(i);
            if (books > deposited[i]) return _surprise("books above deposits");
            uint256 dust = deposited[i] - books;
            if (dust > maxDust[i]) maxDust[i] = dust;
        }
    }

    function _bound(uint256 x, uint256 min, uint256 max) private pure returns (uint256) {
        return min + x % (max - min + 1);
    }

    function _surprise(string memory what) private {
        if (surprises == 0) firstSurprise = what;
        ++surprises;
    }
}

/// @notice Invariants of one model token under random sequences of {RevenueHandler} actions. The token has a 5%
/// reserve, streams of one day at launch, ETH and two ERC-20s; three holders, a contract the DAO may exclude and
/// a forwarding account share a supply of about 10 million tokens.
contract RevenueShareInvariantTest is RevenueSetup {
    RevenueHandler internal handler;
    ModelToken internal token;
    uint256 internal launchSupply;

    function setUp() public {
        _deployProtocol();
        MockStablecoin coinA = new MockStablecoin();
        MockStablecoin coinB = new MockStablecoin();
        address desk = address(0xD35C);
        address[] memory assets = new address[](2);
        assets[0] = address(coinA);
        assets[1] = address(coinB);
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](4);
        allocations[0] = _allocation(address(0xA000), 1_000_000e18 + 7, false);
        allocations[1] = _allocation(address(0xA001), 2_500_000e18 + 13, false);
        allocations[2] = _allocation(address(0xA002), 3_333_333e18, false);
        allocations[3] = _allocation(desk, 3_000_000e18 + 1, true);
        token = _token(allocations, _revenue(500, 1 days, assets));
        launchSupply = token.totalSupply();
        handler = new RevenueHandler(token, desk, coinA, coinB);
        // The pool starts with a million tokens of the first holder, and the handler becomes the DAO.
        address pool = address(handler.pool());
        vm.prank(address(0xA000));
        token.transfer(pool, 1_000_000e18);
        registry.transferFrom(address(this), address(handler), ModelId.unwrap(model));
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome, and every amount paid, matched the rules and the views.
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev Per asset: claimed + claimable by every holder + unreleased + reserve + dust == deposited, with dust
    /// within {RevenueHandler-dustBound}. The books never promise more than was deposited.
    function invariant_everyUnitIsAccountedFor() public view {
        for (uint256 i; i < handler.ASSETS(); ++i) {
            uint256 books = handler.accounted(i);
            uint256 deposited = handler.deposited(i);
            assertLe(books, deposited, "books above deposits");
            assertLe(deposited - books, handler.dustBound(), "dust above its bound");
        }
    }

    /// @dev The token holds exactly what was deposited less what it paid out, and its `held` says so.
    function invariant_holdsWhatWasNotPaid() public view {
        for (uint256 i; i < handler.ASSETS(); ++i) {
            uint256 owed = handler.deposited(i) - handler.claimed(i) - handler.redeemed(i);
            address asset = handler.assetAt(i);
            uint256 balance = i == 0 ? address(token).balance : IERC20(asset).balanceOf(address(token));
            assertEq(balance, owed, "balance");
            assertEq(token.assetInfo(asset).held, owed, "held");
        }
    }

    /// @dev The supply is the sum of the balances, and the eligible supply (the same for every asset) the sum
    /// of the balances that are not excluded.
    function invariant_suppliesMatchTheBalances() public view {
        uint256 sum;
        uint256 eligible;
        for (uint256 h; h < handler.HOLDERS(); ++h) {
            address account = handler.holder(h);
            uint256 balance = token.balanceOf(account);
            sum += balance;
            if (!token.isExcluded(account)) eligible += balance;
        }
        assertEq(token.totalSupply(), sum, "total supply");
        assertEq(token.eligibleSupply(), eligible, "eligible supply");
        for (uint256 i; i < handler.ASSETS(); ++i) {
            assertEq(token.assetInfo(handler.assetAt(i)).eligibleSupply, eligible, "eligible supply of an asset");
        }
        assertLe(sum, launchSupply);
    }

    /// @dev However a sequence ended, letting the streams run out and claiming everything leaves only the
    /// reserve and the dust; redeeming every token then leaves only the dust.
    function afterInvariant() public {
        handler.drain();
        assertEq(handler.surprises(), 0, handler.firstSurprise());
        for (uint256 h; h < handler.HOLDERS(); ++h) {
            (, uint256[] memory due) = token.claimableAll(handler.holder(h));
            for (uint256 i; i < handler.ASSETS(); ++i) {
                assertEq(due[i], 0, "left claimable");
            }
        }
        for (uint256 i; i < handler.ASSETS(); ++i) {
            IModelRevenue.AssetInfo memory info = token.assetInfo(handler.assetAt(i));
            assertEq(info.unreleased, 0, "unreleased after every stream ended");
            assertLe(info.held - info.reserve, handler.dustBound(), "dust above its bound");
        }
        handler.redeemAll();
        for (uint256 i; i < handler.ASSETS(); ++i) {
            IModelRevenue.AssetInfo memory info = token.assetInfo(handler.assetAt(i));
            assertLe(info.held, handler.dustBound(), "dust above its bound after redeeming everything");
        }
    }
}
