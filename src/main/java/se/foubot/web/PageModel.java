package se.foubot.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame needs: the signed-in person and the navigation. */
@ControllerAdvice(assignableTypes = WebPage.class)
class PageModel {

    private final List<WebPage> pages;

    PageModel(List<WebPage> pages) {
        this.pages = pages.stream().sorted(Comparator.comparingInt(WebPage::order)).toList();
    }

    @ModelAttribute("user")
    StaffUser user(Authentication authentication) {
        return StaffUser.of(authentication);
    }

    @ModelAttribute("nav")
    List<WebPage> nav() {
        return pages;
    }
}
