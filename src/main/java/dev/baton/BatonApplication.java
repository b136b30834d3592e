package dev.baton;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring context behind {@code baton run}; the command line itself lives in {@code cli}. */
@SpringBootApplication
public class BatonApplication {
}
