// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {CreditWordLibrary, HolderAccount, HolderAccountLibrary} from "./HolderAccount.sol";
import {RevenueAsset, RevenueAssetLibrary, RevenueStream, RevenueStreamLibrary} from "./RevenueAsset.sol";

/// @title RevenueShare
/// @notice An ERC-20 whose holders share revenue (see {IModelRevenue}).
/// @dev Accounting follows the "accumulator plus per-holder correction" design: each asset keeps the revenue
/// released per token unit since launch (`accumulator`, Q96), and each holder a signed credit, so that deposits,
/// transfers and claims cost O(1) whatever the number of holders or deposits. The ERC-20 core is our own
/// because the ETH credit shares a storage word with the balance ({HolderAccount}); it keeps OpenZeppelin's
/// behaviour and errors (IERC6093). Rounding always goes against the account: a holder's accrued value is
/// rounded down when it sends and up when it receives, the accumulator grows by a floor, and payouts use
/// floors, so the sum of what can be claimed never exceeds what was released.
///
/// Streams follow the lazy "reward rate" pattern: while a stream runs, the accumulator in storage lags, and
/// readers add what was released since (at the current eligible supply) without writing it back. Storage is
/// brought up to date ("checkpointed") only when the eligible supply, the supply or the stream changes.
///
/// The accumulator holds at most 2**127 (2**31 asset units per token unit, in Q96) over the token's life, and a
/// release to `e` earning units raises it by `amount / e`. Releases therefore wait while fewer than the floor
/// ({minEligibleSupply}) earn: a sliver of eligible supply can neither take a stream's remainder at a rate per
/// unit it was never meant to have nor exhaust the accumulator for everyone after. And a release never takes the
/// accumulator past its limit: the seconds that do not fit wait, like a pause, so nothing is ever lost to a
/// saturated accumulator.
abstract contract RevenueShare is IERC20, IERC20Metadata, IERC20Errors, IModelRevenue, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The most ERC-20s a token accepts as revenue, besides ETH.
    uint256 public constant MAX_ASSETS = 4;
    /// @notice The longest stream duration the DAO can set.
    uint256 public constant MAX_STREAM_DURATION = 180 days;
    /// @notice The address that stands for ETH (ERC-7528).
    address public constant NATIVE_ASSET = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    /// @dev The supply fits the 96-bit balance field of {HolderAccount}.
    uint256 internal constant MAX_SUPPLY = (1 << 96) - 1;
    /// @dev Revenue is released only while at least 1/2**FLOOR_SHIFT of the supply earns, and FLOOR_CAP units
    /// always suffice (the floor is then read without the supply: most tokens never read it). A released unit of
    /// an asset uses at most 2**96 / floor of the accumulator, so an asset receives at least 2**31 * floor units
    /// (at the smallest floor the supply had) over the token's life before deposits are refused, whoever holds
    /// what.
    uint256 private constant FLOOR_SHIFT = 10;
    uint256 private constant FLOOR_CAP = 1 << 76;
    uint256 private constant BPS = 10_000;
    uint256 private constant SUPPLY_MASK = (1 << 96) - 1;
    // How a transfer's sides take part in revenue sharing.
    uint256 private constant FROM_EARNS = 1;
    uint256 private constant TO_EARNS = 2;
    uint256 private constant FORWARDS = 4;

    /// @dev An ERC-20 revenue asset's index (1..4) and what the contract owes in it, in the one word a claim
    /// or deposit reads. `held` is everything owed (unreleased, claimable, reserve), so a balance beyond it is
    /// surplus and a balance below it means the token rebased or charged the contract.
    struct TokenAsset {
        uint8 index;
        uint120 reserve;
        uint120 held;
    }

    /// @dev Total supply (bits 0..95) and reserve share in basis points (bits 96..111). Non-zero once
    /// initialised; the implementation sets bit 255 so that it can never be initialised.
    uint256 internal _supplyWord;
    string private _name;
    string private _symbol;
    mapping(address account => HolderAccount) private _accounts;
    /// @dev Credits for ERC-20 assets 1..4, two int128 per word: word k holds assets 2k+1 (low) and 2k+2 (high).
    mapping(address account => uint256[2]) private _credits;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;
    /// @dev Index 0 is ETH, 1..4 the ERC-20s in the order they were first allowed. Slots are never reused, so
    /// what an asset paid stays claimable after its removal.
    RevenueAsset[MAX_ASSETS + 1] private _assets;
    RevenueStream[MAX_ASSETS + 1] private _streams;
    address[MAX_ASSETS + 1] private _tokens;
    mapping(address asset => TokenAsset) private _tokenAssets;
    uint256 private _ethReserve;

    /// @notice Plain ETH transfers are deposits.
    receive() external payable {
        _deposit(0, NATIVE_ASSET, msg.value);
    }

    // ------------------------------------------------------------------------------------------------ ERC-20

    /// @notice The token's name.
    function name() public view returns (string memory) {
        return _name;
    }

    /// @notice The token's symbol.
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @notice Token units per whole token: 10**18.
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice Tokens in existence: the launch supply less what was burned to redeem.
    function totalSupply() public view returns (uint256) {
        return _supplyWord & SUPPLY_MASK;
    }

    /// @notice `account`'s balance.
    function balanceOf(address account) public view returns (uint256) {
        return _accounts[account].balance();
    }

    /// @notice What `spender` may still move from `owner`.
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Lets `spender` move up to `value` of the caller's tokens (`type(uint256).max`: without limit).
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @notice Moves `value` tokens from the caller to `to`. Revenue already earned stays with the caller.
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @notice Moves `value` tokens from `from` to `to` within the caller's allowance.
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        _spendAllowance(from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    // --------------------------------------------------------------------------------------------- deposits

    /// @inheritdoc IModelRevenue
    function depositETH() external payable {
        _deposit(0, NATIVE_ASSET, msg.value);
    }

    /// @inheritdoc IModelRevenue
    function deposit(address asset, uint256 amount) external nonReentrant {
        _depositToken(asset, amount);
    }

    /// @inheritdoc IModelRevenue
    function depositWithPermit(address asset, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        // A permit already used (front-run from the mempool) still leaves the allowance the deposit needs.
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(asset).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _depositToken(asset, amount);
    }

    // ----------------------------------------------------------------------------------------------- claims

    /// @inheritdoc IModelRevenue
    function claim(address asset, address to) external nonReentrant returns (uint256 amount) {
        amount = _claim(msg.sender, _indexOfAsset(asset), asset, to);
        if (amount == 0) revert RevenueNothingToClaim(msg.sender, asset);
    }

    /// @inheritdoc IModelRevenue
    function claimAll(address to) external nonReentrant returns (uint256[] memory amounts) {
        amounts = _claimAll(msg.sender, to);
    }

    /// @inheritdoc IModelRevenue
    function claimFor(address holder, address asset) external nonReentrant returns (uint256 amount) {
        _checkPayee(holder);
        amount = _claim(holder, _indexOfAsset(asset), asset, holder);
        if (amount == 0) revert RevenueNothingToClaim(holder, asset);
    }

    /// @inheritdoc IModelRevenue
    function claimAllFor(address holder) external nonReentrant returns (uint256[] memory amounts) {
        _checkPayee(holder);
        amounts = _claimAll(holder, holder);
    }

    /// @inheritdoc IModelRevenue
    function redeem(uint256 amount, address to) external nonReentrant returns (uint256[] memory paid) {
        uint256 word = _supplyWord;
        if ((word >> 96) & 0xffff == 0) revert RevenueNoReserve();
        if (amount == 0) revert RevenueZeroAmount();
        _checkRecipient(to);
        HolderAccount holder = _accounts[msg.sender];
        // What burned tokens earned stays with their holder, which a forwarding account cannot claim.
        if (holder.forwards()) revert RevenueHolderForwards(msg.sender);
        // Checked before the shares are computed, so that an excessive amount gets the ERC-20 error.
        uint256 balance = holder.balance();
        if (balance < amount) revert ERC20InsufficientBalance(msg.sender, balance, amount);
        uint256 supply = word & SUPPLY_MASK;
        uint256 count = _assets[0].count();
        paid = new uint256[](count + 1);
        // Rounds down: what is left stays in the reserve for the remaining holders.
        paid[0] = Math.mulDiv(_ethReserve, amount, supply);
        _ethReserve -= paid[0];
        for (uint256 i = 1; i <= count; ++i) {
            TokenAsset memory t = _tokenAssets[_tokens[i]];
            uint256 share = Math.mulDiv(t.reserve, amount, supply);
            if (share != 0) {
                // Overflow not possible: share <= reserve <= held.
                unchecked {
                    t.reserve -= uint120(share);
                    t.held -= uint120(share);
                }
                _tokenAssets[_tokens[i]] = t;
                paid[i] = share;
            }
        }
        _burn(msg.sender, amount);
        emit RevenueRedeemed(msg.sender, to, amount);
        for (uint256 i; i <= count; ++i) {
            if (paid[i] != 0) {
                address asset = i == 0 ? NATIVE_ASSET : _tokens[i];
                emit RevenueReservePaid(msg.sender, asset, to, paid[i]);
                _pay(asset, to, paid[i]);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ DAO settings

    /// @inheritdoc IModelRevenue
    function allowAsset(address asset) external {
        _checkDao();
        uint256 index = _tokenAssets[asset].index;
        if (index != 0) {
            RevenueAsset state = _assets[index];
            if (state.has(RevenueAssetLibrary.ACTIVE)) revert RevenueAssetAlreadyAllowed(asset);
            _assets[index] = state.withFlag(RevenueAssetLibrary.ACTIVE, true);
            emit RevenueAssetAllowed(asset, index);
        } else {
            _addAsset(asset, 0);
        }
    }

    /// @inheritdoc IModelRevenue
    function removeAsset(address asset) external {
        _checkDao();
        uint256 index = _tokenAssets[asset].index;
        if (index == 0 || !_assets[index].has(RevenueAssetLibrary.ACTIVE)) revert RevenueAssetNotAllowed(asset);
        _assets[index] = _assets[index].withFlag(RevenueAssetLibrary.ACTIVE, false);
        emit RevenueAssetRemoved(asset);
    }

    /// @inheritdoc IModelRevenue
    function setStreamDuration(address asset, uint24 duration) external {
        _checkDao();
        if (duration > MAX_STREAM_DURATION) revert RevenueStreamTooLong(duration, MAX_STREAM_DURATION);
        uint256 index = _indexOfAsset(asset);
        _assets[index] = _assets[index].withDuration(duration);
        emit RevenueStreamDurationSet(asset, duration);
    }

    /// @inheritdoc IModelRevenue
    function setExcluded(address account, bool excluded) external {
        _checkDao();
        HolderAccount holder = _accounts[account];
        if (holder.excluded() == excluded) revert RevenueExclusionUnchanged(account, excluded);
        if (excluded && account.code.length == 0) revert RevenueExcludeNotContract(account);
        if (holder.byHolder()) revert RevenueExclusionByHolder(account);
        // Nothing the account has or earns may move: it holds no tokens, and with no balance what it can claim is
        // its credit in each asset.
        uint256 balance = holder.balance();
        if (balance != 0) revert RevenueExclusionHolder(account, balance);
        if (holder.credit() > 0) revert RevenueExclusionHasRevenue(account, NATIVE_ASSET, uint256(holder.credit()));
        uint256 count = _assets[0].count();
        for (uint256 i = 1; i <= count; ++i) {
            int256 credit = _creditOf(account, i);
            if (credit > 0) revert RevenueExclusionHasRevenue(account, _tokens[i], uint256(credit));
        }
        // Without a balance the eligible supply does not change: only the flag does.
        _accounts[account] = holder.withFlag(HolderAccountLibrary.EXCLUDED, excluded);
        emit RevenueExclusionSet(account, excluded, false);
    }

    /// @inheritdoc IModelRevenue
    function setExcludedSelf(bool excluded) external {
        HolderAccount holder = _accounts[msg.sender];
        if (excluded ? holder.byHolder() : !holder.excluded()) revert RevenueExclusionUnchanged(msg.sender, excluded);
        // Excluded by the DAO already, the account only makes the exclusion its own.
        if (holder.excluded() != excluded) holder = _moveEligibility(msg.sender, holder, excluded);
        _accounts[msg.sender] = holder.withFlag(HolderAccountLibrary.EXCLUDED, excluded).withFlag(
            HolderAccountLibrary.BY_HOLDER, excluded
        );
        emit RevenueExclusionSet(msg.sender, excluded, true);
    }

    /// @inheritdoc IModelRevenue
    function recoverSurplus(address asset, address to) external nonReentrant returns (uint256 amount) {
        _checkDao();
        _checkRecipient(to);
        // ETH only arrives through deposits (forced transfers aside), so only ERC-20s can have a surplus.
        if (asset == NATIVE_ASSET) revert RevenueNoSurplus(asset);
        uint256 balance = IERC20(asset).balanceOf(address(this));
        uint256 owed = _tokenAssets[asset].held;
        if (balance <= owed) revert RevenueNoSurplus(asset);
        amount = balance - owed;
        emit RevenueSurplusRecovered(asset, to, amount);
        IERC20(asset).safeTransfer(to, amount);
    }

    // ------------------------------------------------------------------------------------------------- views

    /// @inheritdoc IModelRevenue
    function revenueAssets() public view returns (address[] memory assets) {
        uint256 count = _assets[0].count();
        assets = new address[](count + 1);
        assets[0] = NATIVE_ASSET;
        for (uint256 i = 1; i <= count; ++i) {
            assets[i] = _tokens[i];
        }
    }

    /// @inheritdoc IModelRevenue
    function assetInfo(address asset) external view returns (AssetInfo memory info) {
        uint256 index = _indexOfAsset(asset);
        RevenueAsset state = _assets[index];
        info.asset = asset;
        info.active = state.has(RevenueAssetLibrary.ACTIVE);
        info.streamDuration = uint24(state.duration());
        info.eligibleSupply = state.eligible();
        if (state.has(RevenueAssetLibrary.STREAMING)) {
            // Brought up to now: what remains is due from now until the end (if it resumes now, when paused).
            RevenueStream stream;
            (info.accumulator, stream,) = _advance(index, state);
            uint256 left = stream.end() - block.timestamp;
            if (left != 0) (info.unreleased, info.streamEnd) = ((stream.rate() * left) >> 32, stream.end());
        } else {
            info.accumulator = state.accumulator();
        }
        if (index == 0) {
            info.reserve = _ethReserve;
            info.held = address(this).balance;
        } else {
            TokenAsset memory t = _tokenAssets[asset];
            info.reserve = t.reserve;
            info.held = t.held;
        }
    }

    /// @inheritdoc IModelRevenue
    function claimable(address holder, address asset) external view returns (uint256) {
        return _claimable(holder, _indexOfAsset(asset));
    }

    /// @inheritdoc IModelRevenue
    function claimableAll(address holder) external view returns (address[] memory assets, uint256[] memory amounts) {
        assets = revenueAssets();
        amounts = new uint256[](assets.length);
        for (uint256 i; i < assets.length; ++i) {
            amounts[i] = _claimable(holder, i);
        }
    }

    /// @inheritdoc IModelRevenue
    function redeemable(uint256 amount) external view returns (address[] memory assets, uint256[] memory amounts) {
        assets = revenueAssets();
        amounts = new uint256[](assets.length);
        uint256 supply = totalSupply();
        if (amount > supply) amount = supply;
        for (uint256 i; i < assets.length; ++i) {
            uint256 reserve = i == 0 ? _ethReserve : _tokenAssets[assets[i]].reserve;
            amounts[i] = Math.mulDiv(reserve, amount, supply);
        }
    }

    /// @inheritdoc IModelRevenue
    function isExcluded(address account) external view returns (bool) {
        return _accounts[account].excluded();
    }

    /// @inheritdoc IModelRevenue
    function excludedBySelf(address account) external view returns (bool) {
        return _accounts[account].byHolder();
    }

    /// @inheritdoc IModelRevenue
    function minEligibleSupply() public view returns (uint256) {
        uint256 floor = totalSupply() >> FLOOR_SHIFT;
        return floor > FLOOR_CAP ? FLOOR_CAP : floor == 0 ? 1 : floor;
    }

    /// @inheritdoc IModelRevenue
    function forwardsRevenue(address account) external view returns (bool) {
        return _accounts[account].forwards();
    }

    /// @inheritdoc IModelRevenue
    function eligibleSupply() external view returns (uint256) {
        return _assets[0].eligible();
    }

    /// @inheritdoc IModelRevenue
    function reserveBps() external view returns (uint256) {
        return (_supplyWord >> 96) & 0xffff;
    }

    // ------------------------------------------------------------------------------------------- internal

    /// @dev The account allowed to change revenue settings: the model's DAO.
    function _dao() internal view virtual returns (address);

    /// @dev Called after a mint (`from` zero) or a burn (`to` zero), for vote accounting.
    function _afterMintOrBurn(address from, address to, uint256 value) internal virtual;

    /// @dev Called after a transfer between two accounts, for vote accounting, with whether each side has
    /// ever chosen a delegate (read with the balances, so that vote accounting need not read it again).
    function _afterTransfer(address from, address to, uint256 value, bool fromDelegated, bool toDelegated)
        internal
        virtual;

    /// @dev Credits `amount` to `account` at launch, before any revenue exists; the caller keeps the supply
    /// within {MAX_SUPPLY} and then calls {_initializeRevenueShare}.
    function _mintAtLaunch(address account, uint256 amount, bool forwards) internal {
        HolderAccount holder = _accounts[account];
        // Overflow not possible: the caller checks that all launch amounts add up to at most MAX_SUPPLY.
        unchecked {
            holder = HolderAccount.wrap(HolderAccount.unwrap(holder) + amount);
        }
        // Accounts minted to at launch (the treasury, the team's vesting wallets) account for revenue paid to them,
        // so anyone may claim for them.
        holder = holder.withFlag(HolderAccountLibrary.MINTED, true);
        _accounts[account] = forwards ? holder.withFlag(HolderAccountLibrary.FORWARDS, true) : holder;
        emit Transfer(address(0), account, amount);
        _afterMintOrBurn(address(0), account, amount);
    }

    /// @dev Excludes `account` from revenue at launch, before it holds anything: nothing it receives later earns.
    function _excludeAtLaunch(address account) internal {
        _accounts[account] = _accounts[account].withFlag(HolderAccountLibrary.EXCLUDED, true);
        emit RevenueExclusionSet(account, true, false);
    }

    /// @dev Sets the name, symbol, supply minted by {_mintAtLaunch} and revenue settings; called once.
    function _initializeRevenueShare(
        string calldata name_,
        string calldata symbol_,
        uint256 supply,
        RevenueParams calldata params
    ) internal {
        if (params.reserveBps > BPS) revert RevenueReserveTooHigh(params.reserveBps);
        if (params.streamDuration > MAX_STREAM_DURATION) {
            revert RevenueStreamTooLong(params.streamDuration, MAX_STREAM_DURATION);
        }
        _name = name_;
        _symbol = symbol_;
        _supplyWord = supply | (uint256(params.reserveBps) << 96);
        _assets[0] = RevenueAsset.wrap(0).withEligible(supply).withDuration(params.streamDuration).withFlag(
            RevenueAssetLibrary.ACTIVE, true
        ).withFlag(RevenueAssetLibrary.RESERVE, params.reserveBps != 0);
        if (params.streamDuration != 0) emit RevenueStreamDurationSet(NATIVE_ASSET, params.streamDuration);
        for (uint256 i; i < params.assets.length; ++i) {
            _addAsset(params.assets[i], params.streamDuration);
        }
    }

    /// @dev Whether `account` has chosen a delegate (if not, its delegate is the zero address).
    function _hasDelegated(address account) internal view returns (bool) {
        return _accounts[account].delegated();
    }

    /// @dev Records that `account` chose a delegate, before its first delegation is stored.
    function _markDelegated(address account) internal {
        HolderAccount holder = _accounts[account];
        if (!holder.delegated()) _accounts[account] = holder.withFlag(HolderAccountLibrary.DELEGATED, true);
    }

    function _approve(address owner, address spender, uint256 value) internal {
        if (owner == address(0)) revert ERC20InvalidApprover(address(0));
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    // -------------------------------------------------------------------------------------------- private

    function _spendAllowance(address owner, address spender, uint256 value) private {
        uint256 current = _allowances[owner][spender];
        if (current != type(uint256).max) {
            if (current < value) revert ERC20InsufficientAllowance(spender, current, value);
            // Overflow not possible: value <= current.
            unchecked {
                _allowances[owner][spender] = current - value;
            }
        }
    }

    /// @dev The one path for transfers. Revenue credits move in the same words as the balances for ETH, and in
    /// one extra word per side for each pair of ERC-20 assets.
    function _transfer(address from, address to, uint256 value) private {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        // Tokens held by the token itself could never claim their revenue.
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        HolderAccount sender = _accounts[from];
        uint256 fromBalance = sender.balance();
        if (fromBalance < value) revert ERC20InsufficientBalance(from, fromBalance, value);
        if (from == to) {
            // Nothing moves, and the votes stay with the one delegate.
            emit Transfer(from, to, value);
            return;
        }
        HolderAccount receiver = _accounts[to];
        bool fromEarns = !sender.excluded();
        bool toEarns = !receiver.excluded();
        RevenueAsset eth = fromEarns == toEarns ? _assets[0] : _shiftEligible(value, toEarns);
        uint256 mode = (fromEarns ? FROM_EARNS : 0) | (toEarns ? TO_EARNS : 0) | (sender.forwards() ? FORWARDS : 0);
        (int256 fromCredit, int256 toCredit) =
            _moveCredit(_accumulator(0, eth), sender.credit(), receiver.credit(), fromBalance, value, mode);
        // Overflow not possible: value <= fromBalance, and balances add up to the supply, below 2**96.
        unchecked {
            _accounts[from] = sender.pack(fromBalance - value, fromCredit);
            _accounts[to] = receiver.pack(receiver.balance() + value, toCredit);
        }
        uint256 count = eth.count();
        if (count != 0) _moveTokenCredits(from, to, fromBalance, value, mode, count);
        emit Transfer(from, to, value);
        _afterTransfer(from, to, value, sender.delegated(), receiver.delegated());
    }

    /// @dev The ERC-20 assets' credits, two per word. An asset that has paid nothing yet leaves them as they are.
    function _moveTokenCredits(
        address from,
        address to,
        uint256 fromBalance,
        uint256 value,
        uint256 mode,
        uint256 count
    ) private {
        for (uint256 index = 1; index <= count; index += 2) {
            uint256 accLow = _accumulator(index, _assets[index]);
            uint256 accHigh = index < count ? _accumulator(index + 1, _assets[index + 1]) : 0;
            if (accLow == 0 && accHigh == 0 && mode & FORWARDS == 0) continue;
            uint256 fromWord = _credits[from][index >> 1];
            uint256 toWord = _credits[to][index >> 1];
            (fromWord, toWord) = _moveHalf(accLow, fromWord, toWord, 0, fromBalance, value, mode);
            if (index < count) (fromWord, toWord) = _moveHalf(accHigh, fromWord, toWord, 128, fromBalance, value, mode);
            _credits[from][index >> 1] = fromWord;
            _credits[to][index >> 1] = toWord;
        }
    }

    function _moveHalf(
        uint256 acc,
        uint256 fromWord,
        uint256 toWord,
        uint256 shift,
        uint256 fromBalance,
        uint256 value,
        uint256 mode
    ) private pure returns (uint256, uint256) {
        (int256 fromCredit, int256 toCredit) = _moveCredit(
            acc, CreditWordLibrary.get(fromWord, shift), CreditWordLibrary.get(toWord, shift), fromBalance, value, mode
        );
        return (CreditWordLibrary.set(fromWord, shift, fromCredit), CreditWordLibrary.set(toWord, shift, toCredit));
    }

    /// @dev New credits when `value` of `fromBalance` moves: the sender keeps what the tokens earned (rounded
    /// down), the receiver starts from the accumulator (rounded up). A forwarding sender passes a pro-rata part
    /// of what it earned on to the receiver instead of keeping it.
    function _moveCredit(
        uint256 acc,
        int256 fromCredit,
        int256 toCredit,
        uint256 fromBalance,
        uint256 value,
        uint256 mode
    ) private pure returns (int256, int256) {
        // A zero-value transfer moves no share (and the sender's balance may be zero). A receiver that does not
        // earn (the launch's pool) could never claim a share: the sender keeps it for the receivers after.
        if ((mode & (FORWARDS | TO_EARNS)) == (FORWARDS | TO_EARNS) && value != 0) {
            int256 earned = (mode & FROM_EARNS != 0 ? int256(_mulDown(acc, fromBalance)) : int256(0)) + fromCredit;
            if (earned > 0) {
                // Rounds down: the sender keeps the remainder for the receivers after.
                int256 share = int256(Math.mulDiv(uint256(earned), value, fromBalance));
                fromCredit -= share;
                toCredit += share;
            }
        }
        if (acc == 0) return (fromCredit, toCredit);
        if (mode & FROM_EARNS != 0) fromCredit += int256(_mulDown(acc, value));
        if (mode & TO_EARNS != 0) toCredit -= int256(_mulUp(acc, value));
        return (fromCredit, toCredit);
    }

    function _burn(address from, uint256 value) private {
        HolderAccount holder = _accounts[from];
        uint256 balance = holder.balance();
        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        bool earns = !holder.excluded();
        uint256 count = _assets[0].count();
        // Streams are brought up to date under the old supply even when the burned tokens did not earn: the
        // floor of the eligible supply follows the supply.
        for (uint256 i; i <= count; ++i) {
            (RevenueAsset state, uint256 acc) = _checkpoint(i);
            if (!earns) continue;
            _assets[i] = state.withEligible(state.eligible() - value);
            int256 earned = int256(_mulDown(acc, value));
            if (i == 0) holder = holder.pack(balance, holder.credit() + earned);
            else _addCredit(from, i, earned);
        }
        // Overflow not possible: value <= balance <= supply.
        unchecked {
            _accounts[from] = holder.pack(balance - value, holder.credit());
            _supplyWord -= value;
        }
        emit Transfer(from, address(0), value);
        _afterMintOrBurn(from, address(0), value);
    }

    /// @dev Moves `value` into (or out of) the eligible supply of every asset, bringing streams up to date at
    /// the old supply first. Returns ETH's new word.
    function _shiftEligible(uint256 value, bool increase) private returns (RevenueAsset eth) {
        uint256 count = _assets[0].count();
        for (uint256 i; i <= count; ++i) {
            (RevenueAsset state,) = _checkpoint(i);
            state = state.withEligible(increase ? state.eligible() + value : state.eligible() - value);
            _assets[i] = state;
            if (i == 0) eth = state;
        }
    }

    function _depositToken(address asset, uint256 amount) private {
        TokenAsset memory t = _tokenAssets[asset];
        if (t.index == 0) revert RevenueAssetNotAllowed(asset);
        uint256 before = IERC20(asset).balanceOf(address(this));
        if (before < t.held) revert RevenueAssetRebased(asset, before, t.held);
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(asset).balanceOf(address(this)) - before;
        if (t.held + received > type(uint120).max) revert RevenueDepositTooLarge(asset, received);
        uint256 reserved = _deposit(t.index, asset, received);
        // Overflow not possible: checked just above, and reserved <= received.
        unchecked {
            t.held += uint120(received);
            t.reserve += uint120(reserved);
        }
        _tokenAssets[asset] = t;
    }

    /// @dev Shares `amount` of asset `index` among the eligible supply, at once or through its stream, after
    /// setting aside the reserve share. Returns the reserved part (ERC-20 callers add it to their holdings).
    function _deposit(uint256 index, address asset, uint256 amount) private returns (uint256 reserved) {
        if (amount == 0) revert RevenueZeroAmount();
        RevenueAsset state = _assets[index];
        if (!state.has(RevenueAssetLibrary.ACTIVE)) revert RevenueAssetNotAllowed(asset);
        if (state.has(RevenueAssetLibrary.RESERVE)) {
            // Rounds down: the holders, not the reserve, get the remainder.
            reserved = amount * ((_supplyWord >> 96) & 0xffff) / BPS;
            if (index == 0) _ethReserve += reserved;
        }
        uint256 shared = amount - reserved;
        emit RevenueDeposited(asset, msg.sender, amount);
        if (shared == 0) return reserved;
        uint256 eligible = state.eligible();
        if (eligible == 0) revert RevenueNoEligibleSupply();
        uint256 duration = state.duration();
        // The floor is at most FLOOR_CAP: most tokens release without reading the supply (nor calling for it).
        if (
            duration == 0 && !state.has(RevenueAssetLibrary.STREAMING)
                && (eligible >= FLOOR_CAP || _releases(eligible))
        ) {
            uint256 acc = state.accumulator() + (shared << 96) / eligible;
            if (acc > RevenueAssetLibrary.ACC_MAX || shared > type(uint128).max) {
                revert RevenueDepositTooLarge(asset, amount);
            }
            _assets[index] = state.withAccumulator(acc);
            return reserved;
        }
        uint256 accNow;
        (state, accNow) = _checkpoint(index);
        if (duration == 0 && _releases(eligible)) {
            // The stream started under an earlier duration runs on; this deposit is released at once.
            uint256 acc = accNow + (shared << 96) / eligible;
            if (acc > RevenueAssetLibrary.ACC_MAX || shared > type(uint128).max) {
                revert RevenueDepositTooLarge(asset, amount);
            }
            _assets[index] = state.withAccumulator(acc);
            return reserved;
        }
        // Streamed, or too few tokens earn to release it to: then it waits in the stream, paused until enough do,
        // and is released over a second if the asset releases at once.
        _join(index, asset, state, accNow, amount, shared);
    }

    /// @dev Adds `shared` (of a deposit of `amount`) to asset `index`'s stream, which the caller brought up to
    /// now ({_joined}). The whole stream must fit the accumulator (now at `acc`) when released to the eligible
    /// supply, or to the floor if fewer tokens earn: the fewest tokens it can be released to.
    function _join(uint256 index, address asset, RevenueAsset state, uint256 acc, uint256 amount, uint256 shared)
        private
    {
        if (shared > type(uint128).max) revert RevenueDepositTooLarge(asset, amount);
        uint256 eligible = state.eligible();
        uint256 base = _releases(eligible) ? eligible : minEligibleSupply();
        (RevenueStream stream, uint256 total) = _joined(index, state, shared << 32);
        if (total >> 32 > type(uint128).max || acc + ((total >> 32) << 96) / base > RevenueAssetLibrary.ACC_MAX) {
            revert RevenueDepositTooLarge(asset, amount);
        }
        _streams[index] = stream;
        _assets[index] = state.withFlag(RevenueAssetLibrary.STREAMING, true);
        emit RevenueStreamed(asset, shared, stream.end());
    }

    /// @dev Asset `index`'s stream (brought up to now) with `added` (asset units * 2**32) joined to it, released
    /// over the asset's duration (a second if it releases at once: a deposit that waits for the floor), and
    /// everything it then releases. The joined stream ends at the amount-weighted average of what remains's end
    /// and now + the duration, rounded up to a second: a deposit is released on its own schedule, shifted by what
    /// it joins in proportion to their sizes, so a small deposit moves a large remainder's end by a second at
    /// most. The joined rate is at most the sum of the two streams' rates (by the arithmetic-geometric mean
    /// inequality, `(R + D)**2 / (R * left + D * duration) <= R / left + D / duration`): a holder for `t` seconds
    /// still earns at most `t / duration` of its fair share of each deposit.
    function _joined(uint256 index, RevenueAsset state, uint256 added)
        private
        view
        returns (RevenueStream, uint256 total)
    {
        uint256 duration = state.duration();
        if (duration == 0) duration = 1;
        RevenueStream stream = _streams[index];
        uint256 span = duration;
        // Overflow not possible: brought up to now, a running stream ends no earlier than now, within 180 days
        // (2**24 seconds); what remains of it is below 2**128 units * 2**32, and so is `added`: their sum and its
        // products with at most 2**24 seconds stay below 2**186.
        unchecked {
            // A running stream's `last` is now: what remains is due over `left` seconds.
            uint256 left = state.has(RevenueAssetLibrary.STREAMING) ? stream.end() - block.timestamp : 0;
            uint256 remaining = stream.rate() * left;
            total = remaining + added;
            if (remaining != 0) {
                uint256 weighted = remaining * left + added * duration;
                // Rounded up: a stream is never released faster than its deposits would be, so a deposit moves the
                // end by its weight and at most a second more.
                span = weighted / total;
                if (span * total != weighted) ++span;
            }
        }
        return (RevenueStreamLibrary.pack(total / span, block.timestamp, block.timestamp + span), total);
    }

    /// @dev Brings asset `index`'s accumulator and stream up to date in storage ({_advance}).
    function _checkpoint(uint256 index) private returns (RevenueAsset state, uint256 acc) {
        state = _assets[index];
        acc = state.accumulator();
        if (!state.has(RevenueAssetLibrary.STREAMING)) return (state, acc);
        RevenueStream stream;
        bool moved;
        (acc, stream, moved) = _advance(index, state);
        if (!moved) return (state, acc);
        _streams[index] = stream;
        state = state.withAccumulator(acc);
        // Nothing left: the stream is over.
        if (stream.end() == block.timestamp) state = state.withFlag(RevenueAssetLibrary.STREAMING, false);
        _assets[index] = state;
    }

    /// @dev Asset `index`'s accumulator now, with what its stream released since the last checkpoint (at the
    /// eligible supply, which has not changed since).
    function _accumulator(uint256 index, RevenueAsset state) private view returns (uint256 acc) {
        if (!state.has(RevenueAssetLibrary.STREAMING)) return state.accumulator();
        (acc,,) = _advance(index, state);
    }

    /// @dev A streaming asset's accumulator now and its stream brought up to now (`moved`: time passed since the
    /// last checkpoint). The stream releases its rate per second at the eligible supply while at least the floor
    /// earns, and pauses otherwise: its end moves with time, so nothing is released to too few tokens and nothing
    /// is lost. A release never takes the accumulator past its limit: the seconds that do not fit wait the same
    /// way. The stream returned has `last` at now and its end at now plus the seconds its remainder still needs.
    function _advance(uint256 index, RevenueAsset state)
        private
        view
        returns (uint256 acc, RevenueStream stream, bool moved)
    {
        acc = state.accumulator();
        stream = _streams[index];
        uint256 last = stream.last();
        if (block.timestamp <= last) return (acc, stream, false);
        uint256 end = stream.end();
        uint256 eligible = state.eligible();
        uint256 rate = stream.rate();
        // Overflow not possible anywhere below: times are below 2**40 and `last < block.timestamp`; `rate * seconds`
        // is at most the streamed amount * 2**32 < 2**160, times 2**64 below 2**224; `acc <= ACC_MAX < 2**127`;
        // `(ACC_MAX - acc) * eligible < 2**127 * 2**96`; `released <= left`. (Divisions still check for zero:
        // `eligible` is not zero when it releases, nor `rate` when a stream has time left.)
        unchecked {
            uint256 left = end > last ? end - last : 0;
            if (left != 0 && (eligible >= FLOOR_CAP || _releases(eligible))) {
                uint256 elapsed = block.timestamp - last;
                uint256 released = elapsed < left ? elapsed : left;
                uint256 step = (rate * released << 64) / eligible;
                if (acc + step > RevenueAssetLibrary.ACC_MAX) {
                    // Only the seconds whose release fits.
                    released = ((RevenueAssetLibrary.ACC_MAX - acc) * eligible / rate) >> 64;
                    step = (rate * released << 64) / eligible;
                }
                acc += step;
                left -= released;
            }
            stream = RevenueStreamLibrary.pack(rate, block.timestamp, block.timestamp + left);
        }
        moved = true;
    }

    /// @dev Whether revenue can be released to `eligible` units: at least the floor ({minEligibleSupply}).
    function _releases(uint256 eligible) private view returns (bool) {
        // The floor is at most FLOOR_CAP: a larger eligible supply needs no read of the supply.
        return eligible >= FLOOR_CAP || (eligible != 0 && eligible >= totalSupply() >> FLOOR_SHIFT);
    }

    /// @dev Moves `holder`'s balance out of (or into) the eligible supply of every asset: what it earned so far
    /// becomes credit, and from now on it earns nothing (or starts from the current accumulator, like tokens
    /// received). Returns the holder's word with its new ETH credit; the caller sets the flags and writes it.
    function _moveEligibility(address account, HolderAccount holder, bool excluded) private returns (HolderAccount) {
        uint256 balance = holder.balance();
        uint256 count = _assets[0].count();
        for (uint256 i; i <= count; ++i) {
            (RevenueAsset state, uint256 acc) = _checkpoint(i);
            uint256 eligible = state.eligible();
            int256 value;
            if (excluded) {
                value = int256(_mulDown(acc, balance));
                eligible -= balance;
            } else {
                value = -int256(_mulUp(acc, balance));
                eligible += balance;
            }
            _assets[i] = state.withEligible(eligible);
            if (i == 0) {
                holder = holder.pack(balance, holder.credit() + value);
            } else {
                _addCredit(account, i, value);
            }
        }
        return holder;
    }

    function _claimAll(address holder, address to) private returns (uint256[] memory amounts) {
        uint256 count = _assets[0].count();
        amounts = new uint256[](count + 1);
        bool any;
        for (uint256 i; i <= count; ++i) {
            amounts[i] = _claim(holder, i, i == 0 ? NATIVE_ASSET : _tokens[i], to);
            any = any || amounts[i] != 0;
        }
        if (!any) revert RevenueNothingToClaim(holder, address(0));
    }

    function _claim(address holder, uint256 index, address asset, address to) private returns (uint256 amount) {
        _checkRecipient(to);
        HolderAccount account = _accounts[holder];
        // The sale's earnings belong to its buyers and move with their tokens; paid to it, they would be stuck.
        if (account.forwards()) revert RevenueHolderForwards(holder);
        uint256 acc = _accumulator(index, _assets[index]);
        uint256 accrued = account.excluded() ? 0 : _mulDown(acc, account.balance());
        if (index == 0) {
            int256 credit = account.credit();
            int256 owed = int256(accrued) + credit;
            if (owed <= 0) return 0;
            amount = uint256(owed);
            _accounts[holder] = account.pack(account.balance(), credit - owed);
        } else {
            uint256 k = (index - 1) >> 1;
            uint256 shift = ((index - 1) & 1) * 128;
            uint256 word = _credits[holder][k];
            int256 credit = CreditWordLibrary.get(word, shift);
            int256 owed = int256(accrued) + credit;
            if (owed <= 0) return 0;
            amount = uint256(owed);
            _credits[holder][k] = CreditWordLibrary.set(word, shift, credit - owed);
            // Overflow not possible: what is claimable was deposited and is part of what is held.
            unchecked {
                _tokenAssets[asset].held -= uint120(amount);
            }
        }
        emit RevenueClaimed(holder, asset, to, amount);
        _pay(asset, to, amount);
    }

    function _claimable(address holder, uint256 index) private view returns (uint256) {
        HolderAccount account = _accounts[holder];
        uint256 acc = _accumulator(index, _assets[index]);
        uint256 accrued = account.excluded() ? 0 : _mulDown(acc, account.balance());
        int256 credit = index == 0 ? account.credit() : _creditOf(holder, index);
        int256 owed = int256(accrued) + credit;
        return owed > 0 ? uint256(owed) : 0;
    }

    function _addCredit(address account, uint256 index, int256 value) private {
        uint256 k = (index - 1) >> 1;
        uint256 shift = ((index - 1) & 1) * 128;
        uint256 word = _credits[account][k];
        _credits[account][k] = CreditWordLibrary.set(word, shift, CreditWordLibrary.get(word, shift) + value);
    }

    /// @dev `account`'s credit in ERC-20 asset `index` (1..4).
    function _creditOf(address account, uint256 index) private view returns (int256) {
        return CreditWordLibrary.get(_credits[account][(index - 1) >> 1], ((index - 1) & 1) * 128);
    }

    function _addAsset(address asset, uint256 duration) private {
        if (asset == NATIVE_ASSET || asset == address(this) || asset.code.length == 0) {
            revert RevenueInvalidAsset(asset);
        }
        if (_tokenAssets[asset].index != 0) revert RevenueAssetAlreadyAllowed(asset);
        RevenueAsset eth = _assets[0];
        uint256 index = eth.count() + 1;
        if (index > MAX_ASSETS) revert RevenueTooManyAssets(MAX_ASSETS);
        _assets[0] = eth.withCount(index);
        _tokenAssets[asset].index = uint8(index);
        _tokens[index] = asset;
        _assets[index] = RevenueAsset.wrap(0).withEligible(eth.eligible()).withDuration(duration)
            .withFlag(RevenueAssetLibrary.ACTIVE, true).withFlag(RevenueAssetLibrary.RESERVE, eth.has(RevenueAssetLibrary.RESERVE));
        emit RevenueAssetAllowed(asset, index);
        if (duration != 0) emit RevenueStreamDurationSet(asset, duration);
    }

    function _pay(address asset, address to, uint256 amount) private {
        if (asset == NATIVE_ASSET) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert RevenueEthTransferFailed(to, amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }

    function _indexOfAsset(address asset) private view returns (uint256 index) {
        if (asset == NATIVE_ASSET) return 0;
        index = _tokenAssets[asset].index;
        if (index == 0) revert RevenueAssetNotAllowed(asset);
    }

    function _checkRecipient(address to) private view {
        if (to == address(0) || to == address(this)) revert RevenueInvalidRecipient(to);
    }

    function _checkDao() private view {
        if (msg.sender != _dao()) revert RevenueNotModelDao(msg.sender);
    }

    /// @dev Revenue pushed into a contract that does not account for it could be taken by whoever comes first
    /// (an AMM pair's `skim`): on anyone's call, it is paid only to accounts without code, those minted to at
    /// launch (the treasury, the team's vesting wallets, where it vests with the tokens) and the DAO. Any other
    /// contract claims for itself.
    function _checkPayee(address holder) private view {
        if (holder.code.length != 0 && !_accounts[holder].minted() && holder != _dao()) {
            revert RevenueClaimForContract(holder);
        }
    }

    /// @dev `acc * value` stays below 2**223 (acc <= 2**127, value < 2**96).
    function _mulDown(uint256 acc, uint256 value) private pure returns (uint256) {
        return (acc * value) >> 96;
    }

    function _mulUp(uint256 acc, uint256 value) private pure returns (uint256) {
        return (acc * value + (1 << 96) - 1) >> 96;
    }
}
