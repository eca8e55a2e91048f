package se.foubot.admin;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration {

    @Bean
    FilterRegistrationBean<AdminAccess> adminAccess(AdminToken token) {
        FilterRegistrationBean<AdminAccess> registration = new FilterRegistrationBean<>(new AdminAccess(token));
        registration.addUrlPatterns("/api/*");
        registration.setName("adminAccess");
        return registration;
    }
}
