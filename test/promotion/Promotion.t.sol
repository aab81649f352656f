// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Test} from "../utils/Test.sol";
import {PromotionHandler} from "./PromotionHandler.sol";
import {PromotionRules} from "./PromotionRules.sol";

import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {IPromotion} from "../../contracts/interfaces/IPromotion.sol";
import {ISubnets} from "../../contracts/interfaces/ISubnets.sol";
import {FeeOnTransferToken} from "../../contracts/mocks/FeeOnTransferToken.sol";
import {MockPromotionSubnets} from "../../contracts/mocks/MockPromotionSubnets.sol";
import {MockSubnetToken} from "../../contracts/mocks/MockSubnetToken.sol";
import {Promotion} from "../../contracts/promotion/Promotion.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice A promotion contract over a real registry, where `OWNER` holds model A (with one version) and model B (with
/// none), and has made the promotion a publisher of both; and a test double of the subnets.
abstract contract PromotionSetup is Test {
    address internal constant OWNER = address(0x0A11);

    ModelRegistry internal registry;
    MockPromotionSubnets internal subnets;
    Promotion internal promotion;
    ModelId internal modelA;
    ModelId internal modelB;

    function _deploy() internal {
        registry = new ModelRegistry();
        subnets = new MockPromotionSubnets();
        promotion = new Promotion(IModelRegistry(address(registry)), ISubnets(address(subnets)));
        vm.startPrank(OWNER);
        modelA = registry.register("model-a", PromotionRules.cid(0), "MIT");
        modelB = registry.register("model-b", PromotionRules.cid(1), "MIT");
        IModelRegistry.PublishParams memory first;
        first.weightsCid = PromotionRules.cid(2);
        first.tag = "v1";
        registry.publish(modelA, first);
        registry.setPublisher(modelA, address(promotion), true);
        registry.setPublisher(modelB, address(promotion), true);
        vm.stopPrank();
    }
}

/// @notice Invariants of one promotion contract under random sequences of {PromotionHandler} actions, with the bounty
/// tokens each suite gives.
abstract contract PromotionInvariants is PromotionSetup {
    PromotionHandler internal handler;
    IERC20[2] internal tokens;

    function _tokens() internal virtual returns (IERC20, IERC20);

    function setUp() public {
        _deploy();
        (tokens[0], tokens[1]) = _tokens();
        handler = new PromotionHandler(registry, promotion, subnets, modelA, modelB, tokens[0], tokens[1]);
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev The handler reaches the paths the invariants are about: a valid binding, a funded escrow, a candidate
    /// that leads long enough, a promotion and a claim, each as its model expects.
    function test_handler_reachesAPromotionAndAClaim() public {
        // The owner binds subnet 1 with a minimum streak of 1, a bounty of 6 in the first token and the default tag.
        handler.bind(0, 1 | (1 << 3) | (3 << 6) | (1 << 10), 5, 0);
        handler.fund(0, 0, 1001);
        // UID 0 publishes weights 0, then leads two epochs: the second one started after the publication.
        handler.publishCandidate(0, 0, 2);
        handler.completeEpochs(0, 5, 1);
        assertEq(uint256(promotion.check(1).status), uint256(IPromotion.Status.Ready), "ready");
        handler.promote(0, 0);
        handler.claimBounty(3, 0, 2);
        assertEq(handler.surprises(), 0, handler.firstSurprise());
        assertEq(handler.successes(handler.promote.selector), 1, "promoted");
        assertEq(handler.successes(handler.claimBounty.selector), 1, "claimed");
        (,, uint256 claimed) = handler.flows(tokens[0]);
        assertEq(claimed, 6, "bounty claimed");
        // The same weights again: refused as promoted already, as the model expects.
        handler.completeEpochs(0, 5, 0);
        handler.promote(0, 0);
        assertEq(handler.surprises(), 0, handler.firstSurprise());
        assertEq(handler.successes(handler.promote.selector), 1, "promoted twice");
    }

    /// @dev Every outcome matched the model: {check}'s verdict, each success and each refusal with its error and
    /// values; in particular {promote} succeeded exactly when {check} said Ready (save a tag another version has).
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev Each bounty token held equals the escrows of the live bindings plus the credited, unclaimed bounties; and
    /// what the escrows received equals what is held plus what went back to revoking owners and out to claimers.
    function invariant_conservation() public view {
        for (uint256 t; t < tokens.length; ++t) {
            IERC20 token = tokens[t];
            uint256 escrows;
            for (uint256 n = 1; n <= handler.NETS(); ++n) {
                IPromotion.Binding memory b = promotion.bindingOf(n);
                if (b.bountyToken == token) escrows += b.escrow;
            }
            uint256 credited = promotion.bountyOf(handler.STRANGER(), token);
            uint256 modelled;
            for (uint256 k; k < handler.COLDKEYS(); ++k) {
                credited += promotion.bountyOf(handler.coldkeyAt(k), token);
                modelled += handler.unclaimed(handler.coldkeyAt(k), token);
            }
            uint256 held = token.balanceOf(address(promotion));
            assertEq(held, escrows + credited, "held other than escrows and unclaimed bounties");
            assertEq(credited, modelled, "unclaimed bounties other than the model's");
            (uint256 received, uint256 returned, uint256 claimed) = handler.flows(token);
            assertEq(received, held + returned + claimed, "tokens created or lost");
        }
    }

    /// @dev No binding credited more than it was funded with; a live binding's escrow is what it received less what it
    /// credited, and a revoked one returned exactly that.
    function invariant_neverMoreThanFunded() public view {
        for (uint256 id = 1; id <= handler.bindingCount(); ++id) {
            PromotionHandler.BindingGhost memory g = handler.bindingAt(id);
            assertLe(g.credited, g.funded, "credited more than funded");
            if (g.live) assertEq(promotion.bindingOf(g.netuid).escrow, g.funded - g.credited, "escrow");
            else assertEq(g.returned, g.funded - g.credited, "returned on revocation");
        }
    }

    /// @dev Each promotion is a version of its model with the candidate's weights and tag, published by the promotion
    /// contract, naming the parent the model expected (the declared one, else the latest live version then), with the
    /// leader of the time as its contribution; no weights were promoted twice to one model; each live binding counts
    /// its promotions.
    function invariant_promotedVersions() public view {
        uint256 count = handler.recordCount();
        uint256[4] memory perNet;
        for (uint256 i; i < count; ++i) {
            PromotionHandler.Record memory r = handler.recordAt(i);
            IModelRegistry.VersionInfo memory v = registry.getVersion(ModelId.wrap(r.model), r.index);
            assertEq(v.weightsCid, r.weightsCid, "promoted weights");
            assertEq(v.tag, r.tag, "promoted tag");
            assertEq(v.publisher, address(promotion), "publisher");
            assertEq(v.hasParent, ModelId.unwrap(r.parent.model) != 0, "has a parent");
            assertEq(ModelId.unwrap(v.parent.model), ModelId.unwrap(r.parent.model), "parent model");
            assertEq(v.parent.index, r.parent.index, "parent index");
            (bool promoted, IPromotion.Contribution memory c) = promotion.contributionOf(ModelId.wrap(r.model), r.index);
            assertTrue(promoted, "no contribution recorded");
            assertEq(c.hotkey, r.hotkey, "contribution hotkey");
            assertEq(c.coldkey, r.coldkey, "contribution coldkey");
            assertEq(c.netuid, r.netuid, "contribution netuid");
            assertEq(c.uid, r.uid, "contribution uid");
            assertEq(c.epoch, r.epoch, "contribution epoch");
            for (uint256 j; j < i; ++j) {
                PromotionHandler.Record memory o = handler.recordAt(j);
                bool same = o.model == r.model && keccak256(o.weightsCid) == keccak256(r.weightsCid);
                assertFalse(same, "weights promoted twice to one model");
            }
            if (r.binding == handler.bindingOfNet(r.netuid)) ++perNet[r.netuid];
        }
        for (uint256 n = 1; n <= handler.NETS(); ++n) {
            assertEq(promotion.bindingOf(n).promotions, perNet[n], "promotions counted");
        }
    }
}

/// @notice The invariants with two plain ERC-20 bounty tokens.
contract PromotionInvariantTest is PromotionInvariants {
    function _tokens() internal override returns (IERC20, IERC20) {
        return (IERC20(address(new MockSubnetToken("BNT", 18))), IERC20(address(new MockSubnetToken("ALT", 6))));
    }
}

/// @notice The invariants with a bounty token that burns 1% of every transfer (escrows are credited what arrives; what
/// leaves is counted as it leaves the promotion contract), next to a plain one.
contract PromotionFeeTokenInvariantTest is PromotionInvariants {
    function _tokens() internal override returns (IERC20, IERC20) {
        return (IERC20(address(new FeeOnTransferToken(100))), IERC20(address(new MockSubnetToken("BNT", 18))));
    }
}

/// @notice Fuzz tests of tag derivation and bounty crediting: subnet 1 records model A, and its UID 0 leads.
contract PromotionFuzzTest is PromotionSetup {
    address internal constant SUBNET_OWNER = address(0x5B01);
    address internal constant HOTKEY = address(0xA0);
    address internal constant COLDKEY = address(0xC0);
    address internal constant FUNDER = address(0xF0);

    MockSubnetToken internal token;

    function setUp() public {
        _deploy();
        token = new MockSubnetToken("BNT", 18);
        _subnet(1);
    }

    /// @dev Any valid prefix and any epoch below 10^15 make a tag the registry takes, `<prefix><epoch>`.
    function testFuzz_promote_tagFromAnyValidPrefix(uint256 prefixSeed, uint256 epoch) public {
        string memory prefix = PromotionRules.validPrefix(prefixSeed);
        epoch = bound(epoch, 1, 1e15 - 1);
        _bind(1, prefix, 0);
        _lead(1, uint64(epoch), 0, 1);
        _promotesWithTag(1, string.concat(prefix, PromotionRules.decimal(epoch)));
    }

    /// @dev The default prefix `sn<netuid>-e` makes a tag the registry takes for any netuid below 10^12 and epoch
    /// below 10^15 (netuids are counted from 1, one subnet at a time).
    function testFuzz_promote_defaultTag(uint256 netuid, uint256 epoch) public {
        netuid = bound(netuid, 1, 1e12 - 1);
        epoch = bound(epoch, 1, 1e15 - 1);
        if (netuid != 1) _subnet(netuid);
        _bind(netuid, "", 0);
        string memory prefix = string.concat("sn", PromotionRules.decimal(netuid), "-e");
        assertEq(promotion.bindingOf(netuid).tagPrefix, prefix, "default prefix");
        _lead(netuid, uint64(epoch), 0, 1);
        _promotesWithTag(netuid, string.concat(prefix, PromotionRules.decimal(epoch)));
    }

    /// @dev A prefix is taken exactly when it is 1 to 16 characters a tag may have: a valid one as it is, with one
    /// character replaced by any byte, or with any bytes appended.
    function testFuzz_bind_prefixTakenIffValid(uint256 seed, bytes1 replacement, bytes memory extra) public {
        bytes memory p = bytes(PromotionRules.validPrefix(seed));
        uint256 mode = (seed >> 128) % 3;
        if (mode == 1) p[(seed >> 136) % p.length] = replacement;
        else if (mode == 2) p = bytes.concat(p, extra);
        string memory prefix = string(p);
        bool valid = PromotionRules.prefixValid(prefix);

        vm.prank(OWNER);
        (bool ok, bytes memory ret) = address(promotion).call(abi.encodeCall(promotion.bind, (1, _params(prefix, 0))));
        assertEq(ok, valid, "bound exactly when valid");
        if (valid) {
            assertEq(promotion.bindingOf(1).tagPrefix, prefix, "prefix kept");
        } else {
            assertEq(ret, abi.encodeWithSelector(IPromotion.PromotionInvalidTagPrefix.selector, prefix), "error");
            assertEq(ModelId.unwrap(promotion.bindingOf(1).model), 0, "bound anyway");
        }
    }

    /// @dev Each promotion credits min(bounty, escrow) from the escrow to the leader's coldkey, so that over one to
    /// three promotions the coldkey is credited what the escrow lost, never more than it was funded with; the tokens
    /// stay held until claimed, and a claim pays exactly what was credited.
    function testFuzz_promote_creditsMinOfBountyAndEscrow(uint128 bounty, uint128 escrow, uint256 rounds) public {
        rounds = bound(rounds, 1, 3);
        _bind(1, "", bounty);
        if (escrow != 0) {
            token.mint(FUNDER, escrow);
            vm.startPrank(FUNDER);
            token.approve(address(promotion), escrow);
            assertEq(promotion.fund(1, escrow), escrow, "received");
            vm.stopPrank();
        }
        uint256 left = escrow;
        uint256 credited;
        for (uint256 r; r < rounds; ++r) {
            _lead(1, uint64(r + 1), r, uint64(r + 1));
            uint256 due = bounty < left ? bounty : left;
            assertEq(promotion.check(1).bounty, due, "bounty checked");
            promotion.promote(1);
            (credited, left) = (credited + due, left - due);
            assertEq(promotion.bountyOf(COLDKEY, IERC20(address(token))), credited, "credited");
            assertEq(promotion.bindingOf(1).escrow, left, "escrow left");
        }
        assertLe(credited, escrow, "credited more than funded");
        assertEq(token.balanceOf(address(promotion)), escrow, "held");
        if (credited == 0) return;
        vm.prank(COLDKEY);
        assertEq(promotion.claimBounty(IERC20(address(token)), COLDKEY), credited, "claimed");
        assertEq(token.balanceOf(COLDKEY), credited, "paid");
        assertEq(token.balanceOf(address(promotion)), left, "held after the claim");
    }

    /// @dev {check} says Ready exactly when {promote} succeeds, also when another version of the model has the tag
    /// the promotion would take (here one the owner published by hand): then it says TagTaken.
    function test_check_notReadyWhenTheTagIsTaken() public {
        _bind(1, "", 0);
        IModelRegistry.PublishParams memory manual;
        manual.weightsCid = PromotionRules.cid(5);
        manual.tag = "sn1-e3";
        vm.prank(OWNER);
        registry.publish(modelA, manual);
        _lead(1, 3, 0, 1);
        IPromotion.Check memory c = promotion.check(1);
        (bool ok,) = address(promotion).call(abi.encodeCall(promotion.promote, (1)));
        assertEq(c.status == IPromotion.Status.Ready, ok, "check says Ready exactly when promote succeeds");
        assertEq(uint256(c.status), uint256(IPromotion.Status.TagTaken), "check names the taken tag");
    }

    function _subnet(uint256 netuid) internal {
        subnets.create(netuid, SUBNET_OWNER, modelA);
        subnets.setNeuron(netuid, 0, HOTKEY, COLDKEY);
    }

    function _params(string memory prefix, uint128 bounty) internal view returns (IPromotion.BindingParams memory) {
        return IPromotion.BindingParams({
            model: modelA,
            minStreak: 1,
            bountyToken: IERC20(address(token)),
            bounty: bounty,
            tagPrefix: prefix
        });
    }

    function _bind(uint256 netuid, string memory prefix, uint128 bounty) internal {
        vm.prank(OWNER);
        promotion.bind(netuid, _params(prefix, bounty));
    }

    /// @dev UID 0 of `netuid` has led through epoch `epoch` with weights `weights`, published at `publishedAt`, long
    /// enough for a binding of minimum streak 1.
    function _lead(uint256 netuid, uint64 epoch, uint256 weights, uint64 publishedAt) internal {
        subnets.setCandidate(netuid, 0, PromotionRules.cid(weights), publishedAt);
        subnets.setLeader(netuid, epoch, true, 0, 1, publishedAt);
    }

    function _promotesWithTag(uint256 netuid, string memory tag) internal {
        IPromotion.Check memory c = promotion.check(netuid);
        assertEq(uint256(c.status), uint256(IPromotion.Status.Ready), "ready");
        assertEq(c.tag, tag, "tag checked");
        uint64 index = promotion.promote(netuid);
        IModelRegistry.VersionInfo memory v = registry.getVersionByTag(modelA, tag);
        assertEq(v.index, index, "version of the tag");
        assertEq(v.weightsCid, PromotionRules.cid(0), "weights");
    }
}
