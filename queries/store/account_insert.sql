insert into account (username, role, scope, display_name, password_hash, created_at)
values ($username, $role, $scope, $display_name, $password_hash, $now)
