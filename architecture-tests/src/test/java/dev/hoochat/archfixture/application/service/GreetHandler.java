package dev.hoochat.archfixture.application.service;

import com.tngtech.archunit.base.DescribedPredicate;
import dev.hoochat.archfixture.application.port.in.GreetUseCase;
import dev.hoochat.archfixture.domain.Name;
import java.net.URI;

/**
 * Fixture: a use case implemented by a class not named *Service, which prints, throws a generic
 * exception, opens a URI and uses a library the application may not.
 */
public class GreetHandler implements GreetUseCase {
  @Override
  public String greet(Name name) {
    System.out.println(URI.create("http://127.0.0.1/"));
    if (DescribedPredicate.alwaysTrue().test(name)) {
      throw new RuntimeException("generic");
    }
    return name.value();
  }
}
