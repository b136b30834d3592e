package dev.baton.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import dev.baton.warehouse.WarehouseLayout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Test history: what a process killed in the middle of a night leaves behind. */
public final class DeadRuns {

    private DeadRuns() {
    }

    /** Writes the history a process killed mid-run leaves: an execution STARTED, stamped with its pid and host. */
    public static long startedRun(Path warehouse, LocalDate runDate, long pid) throws Exception {
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        layout.createDirectories();
        try (ConfigurableApplicationContext context = BatonContext.start(layout, null, Map.of())) {
            JobRepository repository = context.getBean(JobRepository.class);
            JobParameters parameters = new JobParametersBuilder().addLocalDate("runDate", runDate, true)
                    .addString("landing", warehouse.resolve("landing").toString(), false).toJobParameters();
            JobInstance instance = repository.createJobInstance("nightly", parameters);
            ExecutionContext owner = new ExecutionContext();
            owner.putString("baton.owner.host", InetAddress.getLocalHost().getHostName());
            owner.putLong("baton.owner.pid", pid);
            JobExecution execution = repository.createJobExecution(instance, parameters, owner);
            execution.setStatus(BatchStatus.STARTED);
            execution.setStartTime(LocalDateTime.now());
            repository.update(execution);
            return execution.getId();
        }
    }
}
