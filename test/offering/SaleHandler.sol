// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ONE} from "../fixtures/Constants.sol";
import {LaunchSetup} from "../fixtures/LaunchSetup.sol";
import {Handler} from "../utils/Handler.sol";

import {IModelLaunchFactory} from "../../contracts/interfaces/IModelLaunchFactory.sol";
import {IModelOffering} from "../../contracts/interfaces/IModelOffering.sol";

/// @notice The sale rules written out from the specification, apart from the contract's code.
library SaleMath {
    /// @notice The status, payment kept and tokens sold of a sale that closed with `raised`.
    function outcome(IModelOffering.SaleParams memory s, uint256 raised)
        internal
        pure
        returns (IModelOffering.Status status, uint256 accepted, uint256 sold)
    {
        if (raised < s.softCap) return (IModelOffering.Status.Failed, 0, 0);
        if (raised <= s.hardCap) return (IModelOffering.Status.Succeeded, raised, Math.mulDiv(raised, ONE, s.price));
        return (IModelOffering.Status.Oversubscribed, s.hardCap, Math.mulDiv(s.hardCap, ONE, s.price));
    }

    /// @notice What a deposit of `amount` gets when the sale closed with `raised`.
    function share(IModelOffering.SaleParams memory s, uint256 amount, uint256 raised)
        internal
        pure
        returns (uint256 tokens, uint256 refund)
    {
        (IModelOffering.Status status, uint256 accepted, uint256 sold) = outcome(s, raised);
        if (status == IModelOffering.Status.Failed) return (0, amount);
        if (status == IModelOffering.Status.Succeeded) return (Math.mulDiv(amount, ONE, s.price), 0);
        return (Math.mulDiv(amount, sold, raised), amount - Math.mulDiv(amount, accepted, raised, Math.Rounding.Ceil));
    }
}

/// @notice Launches sales, each through a new factory taking the fee it is given for `feeRecipient`.
abstract contract OfferingSetup is LaunchSetup {
    address internal feeRecipient;

    function _deployProtocol() internal override {
        super._deployProtocol();
        feeRecipient = makeAddr("fee recipient");
    }

    /// @dev A sale with `sale`'s terms, launched by `team` through a new factory taking `feeBps`.
    function _launch(IModelOffering.SaleParams memory sale, uint16 feeBps)
        internal
        returns (IModelOffering offering, IERC20 token, address treasury)
    {
        IModelLaunchFactory.Launch memory l = _launch(_newFactory(feeRecipient, feeBps, address(this)), _launchParams(sale));
        return (IModelOffering(l.offering), IERC20(l.token), l.timelock);
    }
}

/// @notice What the invariant handlers of a sale share: the sale and its parties, the sale's clock, the ghost
/// accounting of deposits and settlements, settlements and claims by random callers to random receivers, and the
/// count of outcomes other than the expected ones ({surprises}), which the invariants keep at zero. Each handler
/// says how a settlement is checked and how a finished sale is closed out.
abstract contract SaleHandler is Handler {
    uint256 public constant ACTORS = 5;
    uint256 internal constant RECEIVERS = 3;

    IModelOffering public immutable offering;
    IERC20 public immutable token;
    address public immutable treasury;
    address public immutable feeRecipient;
    uint16 public immutable feeBps;

    uint256 public currentTime;
    bool public finalized;
    uint256 public feeOwed;
    uint256 public deposits;
    uint256 public settledDeposits;
    mapping(address account => uint256) public depositOf;
    mapping(address account => uint256) public settlements;

    mapping(bytes4 action => uint256) public successes;

    constructor(IModelOffering offering_, IERC20 token_, address treasury_, address feeRecipient_, uint16 feeBps_) {
        offering = offering_;
        token = token_;
        treasury = treasury_;
        feeRecipient = feeRecipient_;
        feeBps = feeBps_;
        currentTime = block.timestamp;
    }

    // ------------------------------------------------------------ actions

    function deposit(uint256 actorSeed, uint256 amount) external virtual;

    function finalize(uint256 callerSeed) external virtual;

    function sweep(uint256 callerSeed) external virtual;

    function payFee(uint256 callerSeed) external virtual;

    function warp(uint256 seconds_) external {
        currentTime += _bound(seconds_, 0, 8 hours);
        vm.warp(currentTime);
    }

    function settle(uint256 callerSeed, uint256 actorSeed) external {
        address account = actor(actorSeed);
        _settle(actor(callerSeed), account, account, false);
    }

    function claim(uint256 actorSeed, uint256 toSeed) external {
        address account = actor(actorSeed);
        address to = toSeed % 2 == 0 ? account : receiver(toSeed >> 1);
        _settle(account, account, to, true);
    }

    /// @notice Not an action: ends the sale and settles everyone, so that the test can check the end state.
    function finish() external {
        IModelOffering.SaleParams memory s = offering.config().sale;
        if (currentTime < s.end) currentTime = s.end;
        vm.warp(currentTime);
        if (!finalized) this.finalize(0);
        for (uint256 i; i < ACTORS; ++i) {
            address account = actor(i);
            if (depositOf[account] != 0 && settlements[account] == 0) _settle(account, account, receiver(i), true);
        }
        _closeOut();
    }

    // ------------------------------------------------------------ reading

    /// @notice The actions the invariant runner calls: the sale's, then the handler's own ({_ownActions}).
    function actions() external pure returns (bytes4[] memory selectors) {
        bytes4[] memory own = _ownActions();
        selectors = new bytes4[](7 + own.length);
        selectors[0] = this.deposit.selector;
        selectors[1] = this.warp.selector;
        selectors[2] = this.finalize.selector;
        selectors[3] = this.settle.selector;
        selectors[4] = this.claim.selector;
        selectors[5] = this.sweep.selector;
        selectors[6] = this.payFee.selector;
        for (uint256 i; i < own.length; ++i) {
            selectors[7 + i] = own[i];
        }
    }

    function actor(uint256 seed) public pure returns (address) {
        return address(uint160(0xA000 + seed % ACTORS));
    }

    function receiver(uint256 seed) public pure returns (address) {
        return address(uint160(0xB000 + seed % RECEIVERS));
    }

    // ------------------------------------------------------------ internal

    /// @dev `caller` settles `account`'s deposit to `to`, by a claim or a settlement; the handler checks what it paid.
    function _settle(address caller, address account, address to, bool isClaim) internal virtual;

    /// @dev Sweeps the sale and pays its fee, once every deposit is settled.
    function _closeOut() internal virtual;

    /// @dev Actions of the handler's own besides the sale's: none unless it says.
    function _ownActions() internal pure virtual returns (bytes4[] memory) {
        return new bytes4[](0);
    }

    /// @dev Whether a settlement of `account`'s deposit must succeed now.
    function _settlementExpected(address account) internal view returns (bool) {
        return block.timestamp >= offering.config().sale.end && depositOf[account] != 0 && settlements[account] == 0;
    }
}
