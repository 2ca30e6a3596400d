package dev.kehu.infra.security;

import dev.kehu.command.web.InvalidRequestField;
import dev.kehu.command.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for the account and user endpoints, in the API's one shape ({@link Problems}). */
@RestControllerAdvice(basePackages = "dev.kehu.infra.security")
class IdentityProblems {

    @ExceptionHandler(InvalidRequestField.class)
    ProblemDetail invalidField(InvalidRequestField e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), "invalid-field");
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(WeakPassword.class)
    ProblemDetail weakPassword(WeakPassword e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), "invalid-field");
        problem.setProperty("field", "password");
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "the body is not the JSON object this endpoint takes",
                "malformed-json");
    }

    @ExceptionHandler(UserAlreadyExists.class)
    ProblemDetail exists(UserAlreadyExists e) {
        return Problems.of(HttpStatus.CONFLICT, "User already exists", e.getMessage(), "user-already-exists");
    }

    @ExceptionHandler(UnknownUser.class)
    ProblemDetail unknownUser(UnknownUser e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "not-found");
    }

    @ExceptionHandler(TokenNotFound.class)
    ProblemDetail unknownToken(TokenNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "not-found");
    }
}
