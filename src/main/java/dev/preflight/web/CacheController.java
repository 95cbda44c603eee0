package dev.preflight.web;

import dev.preflight.cache.CachePolicies;
import dev.preflight.cache.CachePolicy;
import dev.preflight.cache.CacheType;
import dev.preflight.cache.SharedCache;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Cache tab: each type's lifetime and store switch, changed here for every node, and this node's figures. */
@Controller
class CacheController {

    private final CachePolicies policies;
    private final SharedCache cache;
    private final CacheTypes types;
    private final String node;

    CacheController(
            CachePolicies policies,
            SharedCache cache,
            CacheTypes types,
            @org.springframework.beans.factory.annotation.Value("${preflight.node-name:}") String node) {
        this.policies = policies;
        this.cache = cache;
        this.types = types;
        this.node = dev.preflight.history.NodeName.of(node);
    }

    @GetMapping("/cache")
    String cache(Model model) {
        model.addAttribute("figures", cache.figures(types.sources()));
        model.addAttribute("staleMaxAge", policies.properties().staleMaxAge());
        model.addAttribute("node", node);
        return "cache";
    }

    @PostMapping("/cache/{type}")
    String change(
            @PathVariable String type,
            @RequestParam String ttl,
            @RequestParam(defaultValue = "false") boolean store,
            Principal principal,
            RedirectAttributes redirect) {
        try {
            CacheType cacheType = new CacheType(type);
            CachePolicy changed = policies.change(cacheType, CachePolicy.parseTtl(ttl), store, principal.getName());
            redirect.addFlashAttribute(
                    "done",
                    cacheType + ": lifetime " + Times.lifetime(changed.ttl()) + (changed.store() ? "" : ", not stored")
                            + ". Every node applies it within seconds.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/cache";
    }

    @PostMapping("/cache/{type}/clear")
    String clear(@PathVariable String type, RedirectAttributes redirect) {
        try {
            CacheType cacheType = new CacheType(type);
            policies.clear(cacheType);
            redirect.addFlashAttribute("done", cacheType + ": entries dropped on every node.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/cache";
    }
}
