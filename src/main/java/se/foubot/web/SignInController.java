package se.foubot.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.privacy.RefusalLog;

/**
 * Sign-in: the identity provider's button when one is configured; otherwise a form that sends a single-use link by
 * Slack or mail. Opening the link shows a button and only pressing it signs in, so a mail scanner or a chat preview
 * that follows every link never uses it up.
 */
@Controller
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);

    private final WebProperties properties;
    private final StaffRoles roles;
    private final SignInLinks links;
    private final SignInLinkSender sender;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache requests = new HttpSessionRequestCache();
    /** Anyone can post a made-up link, as fast as they like: a bounded number of lines in the log. */
    private final RefusalLog refusals = new RefusalLog(log);
    private final MeterRegistry meters;

    SignInController(WebProperties properties, StaffRoles roles, SignInLinks links, SignInLinkSender sender, MeterRegistry meters) {
        this.properties = properties;
        this.roles = roles;
        this.links = links;
        this.sender = sender;
        this.meters = meters;
    }

    @GetMapping("/signin")
    String signIn(Model model, org.springframework.security.core.Authentication signedIn) {
        if (signedIn != null && signedIn.isAuthenticated() && !StaffUser.of(signedIn).roles().isEmpty()) {
            // staff with a session of their own have nothing to sign in to (helper 121: the form, as if signed out)
            return "redirect:/dashboard";
        }
        model.addAttribute("oidc", properties.oidc().enabled());
        model.addAttribute("oidcName", properties.oidc().name());
        model.addAttribute("oidcPath", "/oauth2/authorization/" + OidcClientRegistrations.ID);
        model.addAttribute("minutes", properties.linkValidity().toMinutes());
        return "web/signin";
    }

    @PostMapping("/signin/link")
    String requestLink(@RequestParam(defaultValue = "") String identifier) {
        linksOnly();
        sender.send(identifier);
        return "redirect:/signin?sent";
    }

    @GetMapping("/signin/link")
    String confirm(@RequestParam(defaultValue = "") String token, Model model) {
        linksOnly();
        if (token.isBlank()) {
            return "redirect:/signin?invalid";
        }
        model.addAttribute("token", token);
        return "web/signin-link";
    }

    @PostMapping("/signin/link/use")
    String use(@RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response) {
        linksOnly();
        SavedRequest saved = requests.getRequest(request, response);
        Optional<String> who = links.use(token);
        Set<StaffRole> staff = who.map(w -> roles.of(List.of(w), List.of())).orElse(Set.of());
        if (staff.isEmpty()) {
            String reason = who.isEmpty() ? "unknown_used_or_expired" : "no_longer_staff";
            Counter.builder("foubot.web.signin.links.rejected").description("sign-in links that signed nobody in, by why")
                    .tag("reason", reason).register(meters).increment();
            refusals.info("event=signin_link_rejected reason={}", reason);
            return "redirect:/signin?invalid";
        }
        // a new session for the signed-in person: nothing from before (fixation, an old CSRF token) carries over
        HttpSession before = request.getSession(false);
        if (before != null) {
            before.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(new StaffPrincipal(who.get()), null,
                staff.stream().map(StaffRole::authority).toList()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        log.info("event=web_signed_in mode=link roles={}", staff);
        return "redirect:" + (saved != null ? saved.getRedirectUrl() : "/dashboard");
    }

    @org.springframework.web.bind.annotation.RequestMapping("/signin/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(Model model, org.springframework.security.core.Authentication signedIn) {
        // an analyst at a coordinator's page has a role, just not that one (helper 121: told they had none)
        model.addAttribute("staff", signedIn != null && !StaffUser.of(signedIn).roles().isEmpty());
        return "web/denied";
    }

    private void linksOnly() {
        if (properties.oidc().enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
